package org.histoprune.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.histoprune.data.TinyDataset;
import org.histoprune.nn.Branch;
import org.histoprune.nn.ModelWeights;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.PrunableTensor;
import org.histoprune.nn.UNetConfig;
import org.histoprune.prune.PrunedBranches;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep of both branches on a tiny net: each branch is pruned and retrained in its own chain (the other branch
 * stays the dense one), and the merged cell of a CR holds exactly the two pruned branches and carries the scores.
 */
class BranchSweepTest {
    @TempDir
    Path temp;

    @Test
    void eachBranchIsPrunedInItsOwnChainAndTheMergeJoinsThemAtTheSameCr() throws Exception {
        Path data = TinyDataset.write(temp.resolve("data"), 3, 30);
        Path model = temp.resolve("dense.hpm");
        try (NucleiModel dense = NucleiModel.create(new UNetConfig(4, 2), 3)) {
            dense.save(model);
        }
        SweepPlan plan = Preset.QUICK.plan(CellSpec.Study.COMPRESSION).withStrategies(List.of("global"))
                .withCrs(SweepPlan.powersOfTwo(4)).withRecipe(new Recipe(1, 2, 32, false, 64, false));
        assertEquals(PrunedBranches.BOTH, plan.branches());
        List<CellSpec> grid = plan.cells(model, data, Map.of("synthetic", data));
        assertEquals(1 + 2 * 3, grid.size(), "dense + (segmentation, regression, merged) x CR {2, 4}");
        ResultStore store = new ResultStore(temp.resolve("results"));
        assertEquals(grid.size(), new Sweep(store, model, "test", 10).run(grid));

        CellSpec merged = grid.stream().filter(c -> c.merged() && c.cr() == 4).findFirst().orElseThrow();
        CellResult mergedCell = store.read(merged.key()).orElseThrow();
        CellResult segmentation = store.read(merged.parents().get(0).key()).orElseThrow();
        CellResult regression = store.read(merged.parents().get(1).key()).orElseThrow();
        assertEquals(CellResult.Status.DONE, mergedCell.status(), mergedCell.message());
        Map<String, Double> scores = mergedCell.metrics().get("synthetic");
        for (String metric : List.of("dice", "mse", "aji", "aji_plus", "pq")) {
            assertTrue(Double.isFinite(scores.get(metric)), metric);
        }
        assertTrue(segmentation.metrics().isEmpty() && regression.metrics().isEmpty(),
                "chain cells are scored through their merge");
        assertEquals(2.0, segmentation.facts().get(CellRunner.RETRAIN_STEPS), "steps of the last round");
        assertEquals(2.0, mergedCell.facts().get(CellRunner.RETRAIN_STEPS + "_regression"));

        try (NucleiModel dense = NucleiModel.load(model);
                NucleiModel seg = NucleiModel.load(store.modelFile(segmentation));
                NucleiModel reg = NucleiModel.load(store.modelFile(regression));
                NucleiModel both = NucleiModel.load(store.modelFile(mergedCell))) {
            assertSameBranch(dense.weights(), seg.weights(), Branch.REGRESSION, "segmentation chain keeps");
            assertSameBranch(dense.weights(), reg.weights(), Branch.SEGMENTATION, "regression chain keeps");
            assertSameBranch(seg.weights(), both.weights(), Branch.SEGMENTATION, "merge takes");
            assertSameBranch(reg.weights(), both.weights(), Branch.REGRESSION, "merge takes");
            for (Branch branch : Branch.values()) {
                ModelWeights weights = both.weights();
                long all = weights.tensors(branch).stream().mapToLong(PrunableTensor::size).sum();
                long alive = weights.tensors(branch).stream().mapToLong(weights::alive).sum();
                assertEquals(all / 4.0, alive, 1.0, branch + " pruned to CR 4 on its own");
            }
        }

        Path report = temp.resolve("report");
        ReportWriter.write(store.root(), report, null);
        BufferedImage examples = ImageIO.read(report.resolve("figure-examples.png").toFile());
        assertEquals(4 * ExampleFigure.CROP, examples.getWidth(), "ground truth, dense, CR 2 and CR 4 in one row");
        assertTrue(Files.readString(report.resolve("cells.csv")).lines()
                .anyMatch(l -> l.contains(",global,segmentation,4," + merged.seed() + ",,done,")),
                "an unscored chain cell keeps its row");
    }

    private static void assertSameBranch(ModelWeights expected, ModelWeights actual, Branch branch, String what) {
        for (PrunableTensor tensor : expected.tensors(branch)) {
            assertArrayEquals(expected.read(tensor), actual.read(tensor), what + " " + tensor.key());
            assertEquals(expected.alive(tensor), actual.alive(tensor), what + " the mask of " + tensor.key());
        }
    }
}
