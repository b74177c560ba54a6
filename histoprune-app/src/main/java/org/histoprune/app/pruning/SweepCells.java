package org.histoprune.app.pruning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.histoprune.experiment.CellResult;
import org.histoprune.experiment.CellSpec;
import org.histoprune.experiment.ResultStore;
import org.histoprune.prune.PrunedBranches;

/** The finished compression cells of a sweep results folder, looked up by the CR slider's strategy and CR. */
final class SweepCells {
    private final ResultStore store;
    private final List<CellResult> cells;

    private SweepCells(ResultStore store, List<CellResult> cells) {
        this.store = store;
        this.cells = cells;
    }

    /** Reads {@code <results>/cells/*.json}; a folder without {@code cells/} is not a results folder. */
    static SweepCells read(Path results) throws IOException {
        ResultStore store = ResultStore.existing(results);
        return new SweepCells(store, store.all().stream()
                .filter(cell -> cell.spec().study() == CellSpec.Study.COMPRESSION).toList());
    }

    /**
     * The cell shown at {@code target}: the dense cell at CR 1, else the strategy's cell of the target's branch at
     * that CR (for both branches the merge of the two chains), a finished one before an infeasible one, an
     * iterative chain before a one-shot cell, the latest first.
     */
    Optional<CellResult> find(PruneTarget target) {
        String strategy = target.dense() ? CellSpec.DENSE : target.strategy().cliName();
        String branch = target.dense() ? PrunedBranches.BOTH.cliName() : target.branches().cliName();
        return cells.stream()
                .filter(cell -> cell.spec().strategy().equals(strategy) && cell.spec().branch().equals(branch)
                        && cell.spec().cr() == target.compressionRatio())
                .min(Comparator.comparing((CellResult cell) -> cell.status() != CellResult.Status.DONE)
                        .thenComparing(cell -> cell.spec().oneShot())
                        .thenComparing(CellResult::finishedAt, Comparator.nullsLast(Comparator.reverseOrder())));
    }

    /** The model file of a finished cell (stored relative to the results folder, or absolute). */
    Path modelFile(CellResult cell) {
        return store.modelFile(cell);
    }

    Path root() {
        return store.root();
    }
}
