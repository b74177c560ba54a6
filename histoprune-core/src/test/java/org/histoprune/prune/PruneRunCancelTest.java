package org.histoprune.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.histoprune.nn.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pruning job asked to stop ends within a retraining step, keeps its finished rounds and resumes from them. */
class PruneRunCancelTest {
    @TempDir
    Path dir;

    @Test
    void stopsWithinARetrainingStepAndResumesFromTheFinishedRound() throws Exception {
        Path data = TinyNuclei.write(dir.resolve("data"), 3, 64, 5);
        Path input = TinyNuclei.model(dir.resolve("dense.hpm"));
        PruneConfig config = PruneConfig.magnitude(Strategy.GLOBAL, 4).withRetraining(data, 1, 3, Retraining.FINE_TUNE,
                64);
        Path out = dir.resolve("pruned.hpm");
        AtomicInteger steps = new AtomicInteger();
        List<Integer> roundsSeen = new CopyOnWriteArrayList<>();
        PruneListener counter = new PruneListener() {
            @Override
            public void onRound(Round round) {
                roundsSeen.add(round.round());
            }

            @Override
            public void onTrainingStep(int round, TrainingListener.Step step) {
                steps.incrementAndGet();
            }
        };
        // stop during round 2's retraining: round 1 took 3 steps
        PruneRun stopped = new PruneRun(config).addListener(counter).cancelWhen(() -> steps.get() >= 4);
        assertThrows(CancellationException.class, () -> stopped.run(input, out, "test"));
        assertEquals(4, steps.get(), "no step after the one that asked to stop");
        assertEquals(List.of(1), roundsSeen);
        assertTrue(Files.isRegularFile(PruneRun.roundFile(out, 1)), "the finished round stays");
        assertFalse(Files.exists(PruneRun.roundFile(out, 2)), "the unfinished one is not stored");
        assertFalse(Files.exists(out));

        roundsSeen.clear();
        List<Boolean> resumed = new CopyOnWriteArrayList<>();
        ModelCost cost = new PruneRun(config).addListener(new PruneListener() {
            @Override
            public void onRound(Round round) {
                resumed.add(round.resumed());
            }
        }).run(input, out, "test");
        assertEquals(List.of(true, false), resumed, "the rerun starts at round 2");
        assertEquals(0.75, cost.sparsity(), 0.001);
    }
}
