package org.histoprune.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.histoprune.nn.Branch;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.NucleiTrainer;
import org.histoprune.nn.PrunableTensor;
import org.histoprune.nn.TrainingConfig;
import org.histoprune.nn.TrainingListener;
import org.histoprune.nn.TrainingResult;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining until convergence: a run stops once the held-out loss of the trained branch has not improved for
 * {@code patience} epochs, records the steps it used, and leaves the branch it does not train as it was.
 */
class PlateauRetrainingTest {
    private static final UNetConfig TINY = new UNetConfig(4, 2);
    private static final int CAP_EPOCHS = 40;

    @TempDir
    Path dir;

    @Test
    void aPlateauOfTheHeldOutLossStopsTrainingEarlyAndTheStepsAreRecorded() throws Exception {
        Path data = TinyNuclei.write(dir.resolve("data"), 10, 64, 7);
        Path start = tinyModel();
        // a rate too small to move the weights: the held-out loss can only wander, so it plateaus at once
        TrainingConfig config = new TrainingConfig(data, dir.resolve("out.hpm"), TINY, CAP_EPOCHS, 1, 0, 2, 64, 1e-9,
                1e-9, 0.1, 5, false, start, "test", 2, List.of(Branch.SEGMENTATION));
        List<Double> scores = new ArrayList<>();
        TrainingResult result = new NucleiTrainer().addListener(new TrainingListener() {
            @Override
            public void onEpoch(Epoch epoch) {
                scores.add(epoch.validation().get("val_score"));
            }
        }).run(config);

        assertEquals(TrainingResult.Stop.PLATEAU, result.stop(), result.message());
        assertTrue(result.steps() < CAP_EPOCHS, "stopped before the cap: " + result.steps());
        assertEquals(firstPlateauEnd(scores, 2), scores.size(), "stops at the first 2 epochs without improvement: "
                + scores);
        assertEquals(scores.size(), result.steps(), "one step per epoch");
        try (NucleiModel before = NucleiModel.load(start); NucleiModel after = NucleiModel.load(config.checkpoint())) {
            for (PrunableTensor tensor : before.weights().tensors(Branch.REGRESSION)) {
                assertArrayEquals(before.weights().read(tensor), after.weights().read(tensor), tensor.key());
            }
        }
    }

    @Test
    void aPruningRoundRecordsTheStepsItsRetrainingUsed() throws Exception {
        Path data = TinyNuclei.write(dir.resolve("data"), 10, 64, 7);
        Path start = tinyModel();
        PruneConfig config = PruneConfig.magnitude(Strategy.GLOBAL, 2).withBranches(PrunedBranches.REGRESSION)
                .withRetraining(data, 3, 2, Retraining.FINE_TUNE, 64).withPatience(1);
        Path out = dir.resolve("pruned.hpm");
        new PruneRun(config).run(start, out, "test");
        try (NucleiModel pruned = NucleiModel.load(out)) {
            double steps = pruned.provenance().metrics().get(PruneRun.RETRAIN_STEPS);
            double plateau = pruned.provenance().metrics().get(PruneRun.RETRAIN_PLATEAU);
            assertTrue(steps == 6 && plateau == 0 || steps < 6 && plateau == 1, steps + " steps, plateau " + plateau);
            assertEquals(0, steps % 2, "whole epochs of 2 steps");
        }
    }

    private Path tinyModel() throws java.io.IOException {
        Path file = dir.resolve("start.hpm");
        try (NucleiModel model = NucleiModel.create(TINY, 4)) {
            model.save(file);
        }
        return file;
    }

    /** The epoch count at which {@code patience} epochs in a row have not beaten the best score so far. */
    private static int firstPlateauEnd(List<Double> scores, int patience) {
        double best = Double.POSITIVE_INFINITY;
        int without = 0;
        for (int epoch = 0; epoch < scores.size(); epoch++) {
            if (scores.get(epoch) < best) {
                best = scores.get(epoch);
                without = 0;
            } else if (++without >= patience) {
                return epoch + 1;
            }
        }
        return -1;
    }
}
