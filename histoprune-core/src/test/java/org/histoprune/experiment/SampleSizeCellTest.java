package org.histoprune.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.histoprune.data.TinyDataset;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two sample-size cells on a tiny net: L1 filter pruning, a training set sized by r, segmentation scores. */
class SampleSizeCellTest {
    @TempDir
    Path temp;

    @Test
    void prunedCellsTrainOnRTimesTheirParametersAndScoreTheSegmentationBranch() throws Exception {
        Path data = TinyDataset.write(temp.resolve("data"), 2, 20);
        Path model = temp.resolve("dense.hpm");
        try (NucleiModel dense = NucleiModel.create(new UNetConfig(4, 2), 3)) {
            dense.save(model);
        }
        SweepPlan plan = Preset.QUICK.plan(CellSpec.Study.SAMPLE_SIZE).withFilterRatios(List.of(0.0, 0.5))
                .withSampleRatios(List.of(0.5)).withRecipe(new Recipe(1, 1, 32, false, 64, false));
        List<CellSpec> grid = plan.cells(model, data, Map.of("synthetic", data));
        assertEquals(2, grid.size());
        ResultStore store = new ResultStore(temp.resolve("results"));
        assertEquals(2, new Sweep(store, model, "test", 10).run(grid));

        CellResult dense = store.read(grid.get(0).key()).orElseThrow();
        CellResult pruned = store.read(grid.get(1).key()).orElseThrow();
        double denseParameters = dense.facts().get("trainable_parameters");
        double prunedParameters = pruned.facts().get("trainable_parameters");
        assertTrue(prunedParameters < 0.5 * denseParameters, prunedParameters + " vs " + denseParameters);
        for (CellResult cell : List.of(dense, pruned)) {
            double patches = cell.facts().get("patches");
            assertEquals(Math.round(0.5 * cell.facts().get("trainable_parameters")), patches);
            assertEquals(Math.ceil(patches / (32.0 * 32.0)), cell.facts().get("crops"));
            Map<String, Double> metrics = cell.metrics().get("synthetic");
            for (String metric : SampleSizeReport.METRICS) {
                assertTrue(Double.isFinite(metrics.get(metric)), metric);
            }
            assertFalse(metrics.containsKey("aji"), "the study scores the segmentation branch only");
        }
        try (Stream<Path> subsets = Files.list(store.root().resolve("subsets"))) {
            Path subset = subsets.filter(p -> p.getFileName().toString().endsWith("-n" + pruned.facts().get("crops")
                    .intValue())).findFirst().orElseThrow();
            try (Stream<Path> files = Files.list(subset)) {
                assertEquals(2 * pruned.facts().get("crops").intValue(), files.count(), "image + label per crop");
            }
        }
    }
}
