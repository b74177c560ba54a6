package org.histoprune.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.histoprune.nn.TrainingDivergedException;
import org.histoprune.nn.NucleiTrainer;
import org.histoprune.nn.TrainingConfig;
import org.histoprune.nn.TrainingListener;
import org.histoprune.nn.TrainingResult;
import org.histoprune.nn.UNetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains the segmentation + regression U-Net pair on a folder of image/label pairs. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the two U-Nets (foreground + distance) on images/*.tif with labels/*.png.",
            "Writes the best model (by validation score) to --out and the latest state to <out>.last.hpm."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, description = "Folder with images/ and labels/ (MoNuSeg layout).")
    private Path data;

    @Option(names = "--out", required = true, description = "Model file to write (best checkpoint).")
    private Path out;

    @Option(names = "--epochs", description = "Number of epochs (default: 50 unless --minutes is given).")
    private Integer epochs;

    @Option(names = "--minutes", defaultValue = "0", description = "Wall-time budget in minutes (0 = none).")
    private double minutes;

    @Option(names = "--steps-per-epoch", defaultValue = "100", description = "Steps between validations (default: ${DEFAULT-VALUE}).")
    private int stepsPerEpoch;

    @Option(names = "--base", defaultValue = "16", description = "U-Net base width (default: ${DEFAULT-VALUE}).")
    private int base;

    @Option(names = "--depth", defaultValue = "4", description = "U-Net poolings (default: ${DEFAULT-VALUE}; "
            + "always 5 with resnet34).")
    private int depth;

    @Option(names = "--encoder", defaultValue = UNetConfig.PLAIN, description = "Encoder: plain (double convs) or "
            + "resnet34 (the paper's ResNet-34, trained from scratch) (default: ${DEFAULT-VALUE}).")
    private String encoder;

    @Option(names = "--encoder-weights", paramLabel = "FILE", description = "With resnet34: start both encoders from "
            + "this model file (.hpm) of a resnet34 U-Net of the same --base; the decoders start fresh.")
    private Path encoderWeights;

    @Option(names = "--init", paramLabel = "FILE", description = "Start both branches from this model file (.hpm) of "
            + "the same architecture, to fine-tune it (a filter-pruned file keeps its widths); a 1x1-head file may start a "
            + "3x3 head (as its centre tap).")
    private Path initialWeights;

    @Mixin
    private CropOption crop;

    @Option(names = "--batch", defaultValue = "2", description = "Crops per step (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Initial learning rate, cosine-annealed to 1e-5 (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--validation", defaultValue = "0.1", description = "Fraction of images held out (default: ${DEFAULT-VALUE}).")
    private double validation;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--no-augment", description = "Plain random crops, no flips/scale/perspective/colour.")
    private boolean noAugment;

    @Option(names = "--resume", description = "Checkpoint to continue from (its architecture and step count).")
    private Path resume;

    @Mixin
    private ThreadOptions engine;

    @Override
    public Integer call() throws Exception {
        engine.configureEngine();
        int epochBudget = epochs != null ? epochs : minutes > 0 ? 0 : 50;
        TrainingConfig config;
        try {
            config = TrainingConfig.defaults(data, out)
                    .withUnet(new UNetConfig(base, depth).withEncoder(encoder))
                    .withBudget(epochBudget, stepsPerEpoch, minutes)
                    .withCrop(crop.side())
                    .withBatch(batch)
                    .withValidationFraction(validation)
                    .withLearningRate(learningRate)
                    .withSeed(seed)
                    .withAugment(!noAugment)
                    .withResume(resume)
                    .withCommand("histoprune " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (encoderWeights != null && (resume != null || !config.unet().resnet())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--encoder-weights needs --encoder resnet34 and a new training (not --resume)");
        }
        if (initialWeights != null && (resume != null || encoderWeights != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--init starts a new training from a whole model: not with --resume or --encoder-weights");
        }
        var err = spec.commandLine().getErr();
        NucleiTrainer trainer = new NucleiTrainer().withEncoderWeights(encoderWeights).withInitialWeights(initialWeights);
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        // Ctrl-C / SIGTERM: stop after the current step and let the checkpoint be written before exiting.
        Thread hook = new Thread(() -> {
            trainer.cancel();
            try {
                finished.await(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "train-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean bySteps = config.maxSteps() > 0;
        long max = bySteps ? config.maxSteps() : Math.round(config.minutes() * 60);
        TrainingResult result;
        try (ProgressBar bar = ConsoleBars.builder("train", max, 2000).setUnit(bySteps ? " steps" : " s", 1)
                .setEtaFunction(state -> Optional.empty()).build()) {
            trainer.addListener(new TrainingListener() {
                @Override
                public void onStep(Step step) {
                    bar.stepTo(bySteps ? step.step() : Math.min(max, Math.round(step.elapsedSeconds())));
                    bar.setExtraMessage(String.format(Locale.ROOT, "step %d seg %.3f reg %.4f lr %.1e ETA %s",
                            step.step(), step.segmentationLoss(), step.regressionLoss(), step.learningRate(),
                            format(step.etaSeconds())));
                }

                @Override
                public void onEpoch(Epoch epoch) {
                    err.printf(Locale.ROOT, "%nepoch %d (step %d): %s%s%n", epoch.epoch(), epoch.step(),
                            epoch.validation(), epoch.best() ? " -> best, saved" : "");
                    err.flush();
                }
            });
            result = trainer.run(config);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting because of a signal; the trainer has been cancelled
            }
        }
        var outWriter = spec.commandLine().getOut();
        outWriter.printf(Locale.ROOT, "%s after %d steps, %d epochs, %.0f s: %s%n", result.stop(), result.steps(),
                result.epochs(), result.wallSeconds(), result.message());
        outWriter.println(java.nio.file.Files.isRegularFile(result.model())
                ? "best model: " + result.model() + " " + result.best()
                : "best model: none written yet (no epoch finished); continue with --resume " + result.checkpoint());
        outWriter.println("checkpoint: " + result.checkpoint());
        outWriter.flush();
        if (result.stop() == TrainingResult.Stop.DIVERGED) {
            err.println("error: " + new TrainingDivergedException("training", result,
                    TrainingDivergedException.TRAINING_ADVICE).getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        return 0;
    }

    private static String format(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
