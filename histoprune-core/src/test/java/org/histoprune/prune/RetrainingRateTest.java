package org.histoprune.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.histoprune.nn.TrainingConfig;
import org.histoprune.nn.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each retraining mode starts its round at its own rate: the paper's full rate is the training's initial rate. */
class RetrainingRateTest {
    @TempDir
    Path dir;

    @Test
    void fullRateRetrainsAtTheTrainingRateAndFineTuningAtATenthOfIt() throws Exception {
        Path data = TinyNuclei.write(dir.resolve("data"), 3, 64, 5);
        Path input = TinyNuclei.model(dir.resolve("dense.hpm"));
        double trainingRate = TrainingConfig.defaults(data, input).learningRate();

        assertEquals(trainingRate, firstRate(Retraining.FULL_RATE, data, input, "full"), trainingRate * 1e-6);
        assertEquals(trainingRate * PruneRun.FINE_TUNE_RATE_FRACTION, firstRate(Retraining.FINE_TUNE, data, input,
                "fine"), trainingRate * 1e-6);
    }

    private double firstRate(Retraining mode, Path data, Path input, String name) throws Exception {
        PruneConfig config = PruneConfig.magnitude(Strategy.GLOBAL, 2).withRetraining(data, 1, 2, mode, 64);
        List<Double> rates = new CopyOnWriteArrayList<>();
        new PruneRun(config).addListener(new PruneListener() {
            @Override
            public void onTrainingStep(int round, TrainingListener.Step step) {
                rates.add(step.learningRate());
            }
        }).run(input, dir.resolve(name + ".hpm"), "test");
        return rates.get(0);
    }
}
