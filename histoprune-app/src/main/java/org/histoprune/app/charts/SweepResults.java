package org.histoprune.app.charts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.histoprune.experiment.CompressionView;
import org.histoprune.experiment.ResultStore;
import org.histoprune.experiment.Series;

/**
 * A sweep's results folder as the charts and compare read it: its compression cells as one line per strategy
 * (the same view the {@code report} command charts), and where each cell's model lies.
 */
public record SweepResults(ResultStore store, CompressionView view) {
    /** Reads every cell of the folder (call off the FX thread). */
    public static SweepResults load(Path folder) throws IOException {
        ResultStore store = ResultStore.existing(folder);
        return new SweepResults(store, new CompressionView(store.all()));
    }

    Path folder() {
        return store.root();
    }

    /** Mean of a metric on an evaluation set against CR, one series per line. */
    List<Series> metric(String eval, String metric) {
        return view.series(CompressionView.metric(eval, metric));
    }

    /** Measured inference seconds per evaluation image against CR, one series per line. */
    List<Series> inferenceSeconds() {
        return view.series(cell -> cell.cost() == null ? Double.NaN : cell.cost().inferenceSeconds());
    }

    /** The model of a line's cell at a CR (CR 1 = the dense model), resolved against the folder. */
    public Optional<Path> modelFile(String line, int cr) {
        return view.cell(line, cr).map(store::modelFile);
    }

    /** Line names to choose from: the strategies, or just the dense line when the sweep has no other. */
    public List<String> lines() {
        List<String> names = view.lineNames();
        return names.isEmpty() ? List.of(org.histoprune.experiment.CellSpec.DENSE) : names;
    }
}
