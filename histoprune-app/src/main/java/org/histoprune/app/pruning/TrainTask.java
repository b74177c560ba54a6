package org.histoprune.app.pruning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import org.histoprune.nn.TrainingDivergedException;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.NucleiTrainer;
import org.histoprune.nn.Provenance;
import org.histoprune.nn.TrainingConfig;
import org.histoprune.nn.TrainingListener;
import org.histoprune.nn.TrainingResult;
import org.histoprune.nn.UNetConfig;

/**
 * Trains on a dataset folder for a small step budget with {@link NucleiTrainer}: the current model is
 * fine-tuned (its masks kept, learning rate 1e-4 falling to 1e-5), or without one a fresh default U-Net is
 * trained at 1e-3. Returns the best model by validation (a new one to own). Cancelling stops after the current
 * step; the temporary files go and the current model is untouched.
 */
final class TrainTask extends Task<NucleiModel> {
    private static final int STEPS_PER_EPOCH = 50;

    private final NucleiModel model;
    private final Path data;
    private final int steps;
    private final int crop;
    private final Consumer<TrainingLog.Point> losses;

    /** {@code model} may be null (train from scratch); {@code losses} receives each step (from the job's thread). */
    TrainTask(NucleiModel model, Path data, int steps, int crop, Consumer<TrainingLog.Point> losses) {
        this.model = model;
        this.data = data;
        this.steps = steps;
        this.crop = crop;
        this.losses = losses;
        updateTitle("Train");
    }

    @Override
    protected NucleiModel call() throws Exception {
        try (WorkFolder work = new WorkFolder("histoprune-train")) {
            Path out = work.resolve("trained.hpm");
            int perEpoch = Math.min(steps, STEPS_PER_EPOCH);
            int epochs = (steps + perEpoch - 1) / perEpoch;
            TrainingConfig config = TrainingConfig.defaults(data, out).withBudget(epochs, perEpoch, 0).withCrop(crop)
                    .withCommand("histoprune app: train " + steps + " steps");
            if (model != null) {
                config = config.withUnet(model.config()).withResume(startingPoint(work.resolve("start.hpm")))
                        .withLearningRate(1e-4);
            } else {
                config = config.withUnet(UNetConfig.defaults());
            }
            NucleiTrainer trainer = new NucleiTrainer();
            trainer.addListener(new TrainingListener() {
                @Override
                public void onStep(Step step) {
                    if (isCancelled()) {
                        trainer.cancel(); // the step in flight when the user cancelled is not reported
                        return;
                    }
                    updateProgress(step.step(), step.totalSteps());
                    updateMessage(String.format(Locale.ROOT, "step %d of %d, loss %.4f + %.4f", step.step(),
                            step.totalSteps(), step.segmentationLoss(), step.regressionLoss()));
                    losses.accept(new TrainingLog.Point(step.step(), step.segmentationLoss(), step.regressionLoss()));
                }
            });
            updateMessage("loading " + data.getFileName());
            TrainingResult result = trainer.run(config);
            if (isCancelled() || result.stop() == TrainingResult.Stop.CANCELLED) {
                return null;
            }
            if (result.stop() == TrainingResult.Stop.DIVERGED) {
                throw new TrainingDivergedException("training", result,
                        TrainingDivergedException.TRAINING_ADVICE);
            }
            return NucleiModel.load(Files.isRegularFile(out) ? out : config.checkpoint());
        }
    }

    /** The current model with a fresh history, so the step budget counts from zero. */
    private Path startingPoint(Path file) throws java.io.IOException {
        model.save(file);
        try (NucleiModel copy = NucleiModel.load(file)) {
            copy.setProvenance(new Provenance(data.toString(), "histoprune app: train", 0, 0, 0, Map.of(),
                    Instant.now().toString()));
            copy.save(file);
        }
        return file;
    }
}
