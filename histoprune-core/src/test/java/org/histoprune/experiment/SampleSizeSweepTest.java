package org.histoprune.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.histoprune.data.TinyDataset;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.NucleiTrainer;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample-size study end to end on a tiny net: nested subsets of the training images (the held-out one in
 * none), a network trained from scratch on each, L1-pruned and fine-tuned, scored, reported; a rerun computes nothing.
 */
class SampleSizeSweepTest {
    @TempDir
    Path temp;

    @Test
    void nestedSubsetsAreTrainedPrunedScoredAndReportedAndAResumeComputesNothing() throws Exception {
        Path data = TinyDataset.write(temp.resolve("data"), 12, 60);
        Path model = temp.resolve("dense.hpm");
        try (NucleiModel dense = NucleiModel.create(new UNetConfig(4, 2), 3)) {
            dense.save(model);
        }
        SweepPlan plan = Preset.QUICK.plan(CellSpec.Study.SAMPLE_SIZE).withSampleRatios(List.of(0.25, 1.0))
                .withFilterRatios(List.of(0.5)).withRecipe(new Recipe(1, 2, 32, false, 64, false, 0, 0, 2, false));
        List<CellSpec> grid = plan.cells(model, data, Map.of("synthetic", data));
        assertEquals(2 * 2, grid.size(), "fractions 25 %, 100 % x ratios 0 (trained), 50 % (pruned)");
        CellSpec pruned = grid.get(1);
        assertEquals(List.of(grid.get(0)), pruned.parents(), "a pruned cell starts from its subset's network");

        ResultStore store = new ResultStore(temp.resolve("results"));
        assertEquals(grid.size(), new Sweep(store, model, "test", 10).run(grid));
        for (CellSpec spec : grid) {
            CellResult cell = store.read(spec.key()).orElseThrow();
            assertEquals(CellResult.Status.DONE, cell.status(), cell.message());
            assertTrue(Double.isFinite(cell.metrics().get("synthetic").get("aji")));
            // 12 images, one held out (every tenth): 25 % of the other 11 is 3
            assertEquals(spec.sampleRatio() == 1.0 ? 11.0 : 3.0, cell.facts().get(CellRunner.TRAINING_IMAGES));
        }
        CellResult trained = store.read(grid.get(0).key()).orElseThrow();
        assertEquals(2.0, trained.facts().get(CellRunner.TRAINING_STEPS));
        assertTrue(store.read(pruned.key()).orElseThrow().cost().parameters() < trained.cost().parameters());

        Path small = subset(store, "0.250");
        Path full = subset(store, "1.000");
        assertTrue(images(full).containsAll(images(small)), "nested subsets");
        Set<String> heldOut = images(small.resolve(NucleiTrainer.HELD_OUT_FOLDER));
        assertEquals(Set.of("t0"), heldOut, "the first image by name, as the trainer holds out by default");
        assertEquals(heldOut, images(full.resolve(NucleiTrainer.HELD_OUT_FOLDER)));
        assertFalse(images(full).contains("t0"), "held-out images are in no subset");

        int computed = store.computedLog().size();
        assertEquals(0, new Sweep(store, model, "test", 10).run(grid), "a resumed run computes nothing");
        assertEquals(computed, store.computedLog().size());

        Path report = temp.resolve("report");
        ReportWriter.write(store.root(), report, null);
        List<String> csv = Files.readAllLines(report.resolve("cells.csv"));
        assertEquals(String.join(",", SampleSizeReport.COLUMNS), csv.get(0));
        assertEquals(1 + grid.size(), csv.size(), "a row per cell on the one set");
        assertTrue(Files.size(report.resolve("sample-size-synthetic.png")) > 0);
        assertTrue(Files.readString(report.resolve("summary.md")).contains("a smaller training set tolerates less"));
    }

    private static Path subset(ResultStore store, String fraction) throws Exception {
        try (Stream<Path> folders = Files.list(store.root().resolve("subsets"))) {
            return folders.filter(f -> f.getFileName().toString().endsWith("-f" + fraction)).findFirst().orElseThrow();
        }
    }

    private static Set<String> images(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png") && !n.endsWith("_labels.png"))
                    .map(n -> n.substring(0, n.length() - 4)).collect(Collectors.toSet());
        }
    }
}
