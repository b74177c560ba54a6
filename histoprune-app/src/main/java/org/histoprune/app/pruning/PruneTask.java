package org.histoprune.app.pruning;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.TrainingListener;
import org.histoprune.prune.ModelCost;
import org.histoprune.prune.PruneConfig;
import org.histoprune.prune.PruneListener;
import org.histoprune.prune.PruneRun;

/**
 * Prunes the current model to the slider's target with {@link PruneRun} (retraining on {@code data} after
 * each round when a folder is given) in a temporary folder, and returns the pruned model (a new one to own).
 * Cancelling stops within a retraining step; the temporary files go, the current model is untouched.
 */
final class PruneTask extends Task<NucleiModel> {
    private final NucleiModel model;
    private final PruneTarget target;
    private final PruneConfig config;
    private final Consumer<TrainingLog.Point> losses;

    /** {@code losses} receives each retraining step (from the job's thread). */
    PruneTask(NucleiModel model, PruneTarget target, Path data, int steps, int crop,
            Consumer<TrainingLog.Point> losses) {
        this.model = model;
        this.target = target;
        this.config = target.runConfig(data, steps, crop);
        this.losses = losses;
        updateTitle("Prune to " + target.label());
    }

    @Override
    protected NucleiModel call() throws Exception {
        try (WorkFolder work = new WorkFolder("histoprune-prune")) {
            Path input = work.resolve("input.hpm");
            Path output = work.resolve("pruned.hpm");
            updateMessage("saving the model");
            model.save(input);
            int rounds = config.rounds();
            long perRound = config.epochsPerRound() > 0 ? (long) config.epochsPerRound() * config.stepsPerEpoch() : 0;
            long total = rounds * (perRound + 1);
            AtomicLong done = new AtomicLong();
            updateProgress(0, total);
            PruneRun run = new PruneRun(config).cancelWhen(this::isCancelled).addListener(new PruneListener() {
                @Override
                public void onRound(Round round) {
                    updateProgress(done.incrementAndGet(), total);
                    updateMessage(String.format(Locale.ROOT, "round %d of %d: sparsity %.1f %%", round.round(),
                            round.rounds(), 100 * round.cost().sparsity()));
                }

                @Override
                public void onTrainingStep(int round, TrainingListener.Step step) {
                    long at = done.incrementAndGet();
                    updateProgress(at, total);
                    updateMessage(String.format(Locale.ROOT, "round %d of %d, retraining step %d", round, rounds,
                            step.step()));
                    losses.accept(new TrainingLog.Point(at, step.segmentationLoss(), step.regressionLoss()));
                }
            });
            ModelCost cost = run.run(input, output, "histoprune app: prune " + target.label());
            updateMessage(String.format(Locale.ROOT, "sparsity %.1f %%, %,d parameters", 100 * cost.sparsity(),
                    cost.parameters()));
            NucleiModel pruned = NucleiModel.load(output);
            if (isCancelled()) {
                pruned.close();
                return null;
            }
            updateProgress(1, 1);
            return pruned;
        }
    }
}
