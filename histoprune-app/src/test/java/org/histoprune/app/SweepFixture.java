package org.histoprune.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.histoprune.experiment.CellResult;
import org.histoprune.experiment.CellSpec;
import org.histoprune.experiment.Recipe;
import org.histoprune.experiment.ResultStore;

/**
 * A small sweep results folder written through {@link ResultStore}: the dense cell, global pruning from 2x to
 * 512x and layer-wise pruning from 2x to 64x, on two evaluation sets, with metrics that fall with the CR as
 * computed by {@link #dice}. Model files are named but only exist if a test writes them.
 */
final class SweepFixture {
    static final String TEST = "monuseg-test";
    static final String OTHER = "tnbc";
    static final Map<String, Integer> MAX_LOG2 = Map.of("global", 9, "layerwise", 6);

    private SweepFixture() {
    }

    static Path write(Path folder) throws IOException {
        ResultStore store = new ResultStore(folder);
        store.write(cell(CellSpec.DENSE, 0));
        MAX_LOG2.forEach((line, max) -> {
            for (int log2 = 1; log2 <= max; log2++) {
                try {
                    store.write(cell(line, log2));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        return folder;
    }

    /** The model file of a cell, relative to the results folder. */
    static String modelFile(String line, int log2) {
        return "models/" + (log2 == 0 ? CellSpec.DENSE : line + "-" + (1 << log2)) + ".hpm";
    }

    /** Dice of a line at 2^log2 on the test set: 0.80, falling 0.01 (global) or 0.03 (layer-wise) per doubling. */
    static double dice(String line, int log2) {
        return 0.80 - log2 * (line.equals("layerwise") ? 0.03 : 0.01);
    }

    static double aji(String line, int log2) {
        return dice(line, log2) - 0.2;
    }

    private static CellResult cell(String line, int log2) {
        Recipe recipe = new Recipe(1, 10, 256, false, 512, false);
        CellSpec spec = new CellSpec(CellSpec.Study.COMPRESSION, line, 1 << log2, false, 0, 0, 0, recipe, "sha",
                "data", Map.of(TEST, "test", OTHER, "other"));
        double dice = dice(line, log2);
        Map<String, Double> test = Map.of("dice", dice, "mse", 0.05 + log2 * 0.01, "aji", aji(line, log2), "pq",
                dice - 0.3);
        Map<String, Double> other = Map.of("dice", dice - 0.1, "mse", 0.08, "aji", 0.4, "pq", 0.3);
        long dense = 1_800_000;
        CellResult.Cost cost = new CellResult.Cost(dense >> log2, dense, dense >> log2, 1e9 / (1 << log2),
                1 << log2, 1000, 2.0 / (1 + log2));
        return new CellResult(spec.key(), spec, CellResult.Status.DONE, "", modelFile(line, log2), cost, Map.of(),
                Map.of(TEST, test, OTHER, other), 1, "host", "2026-01-01T00:00:00Z");
    }
}
