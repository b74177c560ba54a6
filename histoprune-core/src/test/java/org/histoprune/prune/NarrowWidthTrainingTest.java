package org.histoprune.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.NucleiTrainer;
import org.histoprune.nn.TrainingConfig;
import org.histoprune.nn.TrainingListener;
import org.histoprune.nn.TrainingResult;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Widths that are not multiples of 16 train with finite losses. On AVX-512 CPUs without AMX these networks turned
 * to NaN at step 2 before convolutions were channel-aligned (issue 16); elsewhere the test passes either way.
 */
class NarrowWidthTrainingTest {
    @TempDir
    Path dir;
    private Path data;

    @BeforeEach
    void writeData() throws Exception {
        data = TinyNuclei.write(dir.resolve("data"), 3, 64, 5);
    }

    @Test
    void baseEightTrainsWithFiniteLosses() throws Exception {
        assertFiniteTraining(TrainingConfig.defaults(data, dir.resolve("base8.hpm")).withUnet(new UNetConfig(8, 4)));
    }

    @Test
    void halfFilterPrunedNetworkFineTunesWithFiniteLosses() throws Exception {
        Path pruned = dir.resolve("pruned.hpm");
        UNetConfig widths;
        try (NucleiModel model = NucleiModel.create(new UNetConfig(16, 4), 3);
                NucleiModel small = new FilterPruner(model, PruneConfig.filters(Strategy.L1_FILTER, 0.5, null)).step()) {
            widths = small.config();
            assertTrue(widths.widths().stream().anyMatch(width -> width % 16 != 0), "widths " + widths.widths());
            small.save(pruned);
        }
        assertFiniteTraining(TrainingConfig.defaults(data, dir.resolve("tuned.hpm")).withUnet(widths).withResume(pruned));
    }

    private static void assertFiniteTraining(TrainingConfig config) throws Exception {
        List<TrainingListener.Step> steps = new ArrayList<>();
        TrainingResult result = new NucleiTrainer().addListener(new TrainingListener() {
            @Override
            public void onStep(Step step) {
                steps.add(step);
            }
        }).run(config.withBudget(1, 4, 0).withCrop(64));
        assertEquals(TrainingResult.Stop.COMPLETED, result.stop(), result.message());
        assertEquals(4, steps.size());
        for (TrainingListener.Step step : steps) {
            assertTrue(Double.isFinite(step.segmentationLoss()) && Double.isFinite(step.regressionLoss()),
                    "step " + step.step() + ": " + step.segmentationLoss() + " / " + step.regressionLoss());
        }
    }
}
