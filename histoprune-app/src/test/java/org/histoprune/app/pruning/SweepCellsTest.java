package org.histoprune.app.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.histoprune.experiment.CellResult;
import org.histoprune.experiment.CellSpec;
import org.histoprune.experiment.Recipe;
import org.histoprune.experiment.ResultStore;
import org.histoprune.io.InvalidInputException;
import org.histoprune.prune.PrunedBranches;
import org.histoprune.prune.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCellsTest {
    private static final Recipe RECIPE = new Recipe(1, 100, 256, false, 512, false);

    @TempDir
    Path temp;

    @Test
    void findsTheDenseCellAtCrOneAndPrefersFinishedIterativeCells() throws Exception {
        ResultStore store = new ResultStore(temp);
        store.write(cell("dense", 1, false, 0, CellResult.Status.DONE, "/models/dense.hpm"));
        store.write(cell("global", 4, true, 0, CellResult.Status.DONE, "models/one-shot.hpm"));
        store.write(cell("global", 4, false, 0, CellResult.Status.DONE, "models/chain.round2.hpm"));
        store.write(cell("layerwise", 4, false, 0, CellResult.Status.INFEASIBLE, null));
        store.write(cell("layerwise", 4, false, 1, CellResult.Status.DONE, "models/seed1.hpm"));
        SweepCells cells = SweepCells.read(temp);

        CellResult dense = cells.find(new PruneTarget(Strategy.TAYLOR, 1)).orElseThrow();
        assertEquals(CellSpec.DENSE, dense.spec().strategy());
        assertEquals(Path.of("/models/dense.hpm"), cells.modelFile(dense), "absolute paths stay");
        CellResult global = cells.find(new PruneTarget(Strategy.GLOBAL, 4)).orElseThrow();
        assertEquals(temp.resolve("models/chain.round2.hpm"), cells.modelFile(global), "the iterative chain first");
        assertEquals(CellResult.Status.DONE, cells.find(new PruneTarget(Strategy.LAYERWISE, 4)).orElseThrow().status());
        assertTrue(cells.find(new PruneTarget(Strategy.GLOBAL, 8)).isEmpty());
    }

    @Test
    void theBranchChoiceShowsItsChainOrTheMergeOfBoth() throws Exception {
        ResultStore store = new ResultStore(temp);
        CellSpec merged = new CellSpec(CellSpec.Study.COMPRESSION, "global", 8, false, 0, 0, 1, RECIPE, "sha", "data",
                Map.of("monuseg-test", "/test"));
        store.write(done(merged, "models/merged.hpm"));
        for (CellSpec chain : merged.parents()) {
            store.write(done(chain, "models/" + chain.branch() + ".hpm"));
        }
        SweepCells cells = SweepCells.read(temp);
        for (PrunedBranches branches : PrunedBranches.values()) {
            String expected = branches == PrunedBranches.BOTH ? "merged" : branches.cliName();
            CellResult shown = cells.find(new PruneTarget(Strategy.GLOBAL, 8, branches)).orElseThrow();
            assertEquals(temp.resolve("models/" + expected + ".hpm"), cells.modelFile(shown), branches.cliName());
        }
        assertEquals("network-wide 8\u00d7, regression branch",
                new PruneTarget(Strategy.GLOBAL, 8, PrunedBranches.REGRESSION).label());
        assertEquals(PrunedBranches.BOTH, new PruneTarget(Strategy.L1_FILTER, 8, PrunedBranches.REGRESSION).branches(),
                "filter pruning always prunes both branches");
    }

    @Test
    void aFolderWithoutCellsIsNotResults() throws Exception {
        Files.createDirectories(temp.resolve("other"));
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> SweepCells.read(temp.resolve("other")));
        assertTrue(error.getMessage().endsWith("not a sweep results folder (no cells/ inside)"), error.getMessage());
    }

    private static CellResult done(CellSpec spec, String model) {
        return new CellResult(spec.key(), spec, CellResult.Status.DONE, "", model,
                new CellResult.Cost(1, 1, 1, 1, 1, 1, 1), Map.of(), Map.of(), 1, "host", "2026-11-22T03:00:00Z");
    }

    private static CellResult cell(String strategy, int cr, boolean oneShot, long seed, CellResult.Status status,
            String model) {
        CellSpec spec = new CellSpec(CellSpec.Study.COMPRESSION, strategy, cr, oneShot, 0, 0, seed, RECIPE, "sha",
                "data", Map.of());
        CellResult.Cost cost = status == CellResult.Status.DONE ? new CellResult.Cost(1, 1, 1, 1, 1, 1, 1) : null;
        return new CellResult(spec.key(), spec, status, "", model, cost, Map.of(), Map.of(), 1, "host",
                "2026-11-22T03:00:00Z");
    }
}
