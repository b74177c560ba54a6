package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.histoprune.io.InvalidInputException;

/**
 * Trains the segmentation and regression U-Nets of a {@link NucleiModel} together: each step samples one
 * augmented batch and updates both branches on it, one after the other (DJL allows one gradient
 * collector at a time). Adam with cosine-annealed learning rate; every epoch validates on fixed crops of
 * held-out images, writes the checkpoint and, when the validation score improved, the best model. The held-out
 * images are those of the data folder's {@value #HELD_OUT_FOLDER} sub-folder when it has one (a training subset
 * that keeps the full set's held-out images), else every k-th image by name ({@link #heldOut}).
 * Crops depend only on (seed, step) and the checkpoint keeps Adam's moments and step count, so an interrupted and
 * resumed run ends with the same weights as an uninterrupted one.
 */
public final class NucleiTrainer {
    /** Sub-folder of a training folder holding the validation images, when they are given explicitly. */
    public static final String HELD_OUT_FOLDER = "held-out";
    private static final int VALIDATION_CROPS_PER_IMAGE = 4;
    /** Checkpoint metric: epochs since the held-out loss last improved (the plateau counter survives a resume). */
    private static final String EPOCHS_WITHOUT_IMPROVEMENT = "epochs_without_improvement";
    // held-out metrics of an epoch, per branch, and their sum
    private static final String VAL_SEG_LOSS = "val_seg_loss";
    private static final String VAL_PIXEL_DICE = "val_pixel_dice";
    private static final String VAL_REG_MSE = "val_reg_mse";
    private static final String VAL_SCORE = "val_score";
    private static final Map<String, Branch> BRANCH_OF_METRIC = Map.of(VAL_SEG_LOSS, Branch.SEGMENTATION,
            VAL_PIXEL_DICE, Branch.SEGMENTATION, VAL_REG_MSE, Branch.REGRESSION);

    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private Path encoderWeights;
    private Path initialWeights;

    public NucleiTrainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** A new (not resumed) ResNet-34 run starts its encoders from this model file; see NucleiModel#loadEncoderWeights. */
    public NucleiTrainer withEncoderWeights(Path file) {
        encoderWeights = file;
        return this;
    }

    /** A new (not resumed) run starts both branches from this model file; see NucleiModel#loadInitialWeights. */
    public NucleiTrainer withInitialWeights(Path file) {
        initialWeights = file;
        return this;
    }

    /** Asks a running {@link #run} to stop after the current step; it then saves the checkpoint. */
    public void cancel() {
        cancelled.set(true);
    }

    public TrainingResult run(TrainingConfig config) throws IOException {
        List<TrainingSample> samples = TrainingSample.loadFolder(config.data());
        Path heldOut = config.data().resolve(HELD_OUT_FOLDER);
        return run(config, Files.isDirectory(heldOut) ? new Split(samples, TrainingSample.loadFolder(heldOut))
                : Split.of(samples, config.validationFraction()));
    }

    /** Trains on samples already in memory (tests, other data sources). */
    TrainingResult run(TrainingConfig config, List<TrainingSample> samples) throws IOException {
        return run(config, Split.of(samples, config.validationFraction()));
    }

    private TrainingResult run(TrainingConfig config, Split split) throws IOException {
        cancelled.set(false);
        try (NucleiModel model = config.resume() != null ? NucleiModel.load(config.resume())
                : NucleiModel.create(startArchitecture(config.unet()), config.seed())) {
            if (config.resume() == null && encoderWeights != null) {
                model.loadEncoderWeights(encoderWeights);
            }
            if (config.resume() == null && initialWeights != null) {
                model.loadInitialWeights(initialWeights);
            }
            if (config.resume() != null && config.maxSteps() > 0 && model.provenance().steps() >= config.maxSteps()) {
                throw new InvalidInputException(config.resume(), "training is already complete ("
                        + model.provenance().steps() + " of " + config.maxSteps() + " steps, " + config.epochs()
                        + " epochs of " + config.stepsPerEpoch() + "); give more --epochs to continue it");
            }
            // a checkpoint's own architecture wins over the configured one
            return new Run(config.withUnet(model.config()), model, split).train();
        }
    }

    /**
     * The configured architecture, with the widths of a filter-pruned starting model ({@code --init}) of that base,
     * depth and encoder, so that fine-tuning it further does not need its widths spelled out.
     */
    private UNetConfig startArchitecture(UNetConfig configured) {
        if (initialWeights == null) {
            return configured;
        }
        UNetConfig start = NucleiModel.architectureOf(initialWeights);
        boolean sameShape = start.base() == configured.base() && start.depth() == configured.depth()
                && start.encoder().equals(configured.encoder());
        return sameShape ? configured.withWidths(start.widths()) : configured;
    }

    /**
     * Which of {@code images} training images (in name order) are held out for validation when a {@code fraction}
     * of them is: every k-th one.
     */
    public static boolean[] heldOut(int images, double fraction) {
        int count = images < 2 || fraction == 0 ? 0 : Math.max(1, (int) Math.round(images * fraction));
        boolean[] held = new boolean[images];
        int taken = 0;
        for (int i = 0; i < images; i++) {
            held[i] = count > 0 && (i * count) % images < count && taken < count;
            taken += held[i] ? 1 : 0;
        }
        return held;
    }

    /** Training and validation images. */
    private record Split(List<TrainingSample> training, List<TrainingSample> validation) {
        /** Every k-th image (by name) is held out. */
        static Split of(List<TrainingSample> samples, double fraction) {
            boolean[] held = heldOut(samples.size(), fraction);
            List<TrainingSample> validation = new ArrayList<>();
            List<TrainingSample> training = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                (held[i] ? validation : training).add(samples.get(i));
            }
            return new Split(training, validation);
        }
    }

    /** The state of one run. */
    private final class Run {
        private final TrainingConfig config;
        private final NucleiModel model;
        private final Split split;
        private final Map<Branch, Adam> optimizers = new EnumMap<>(Branch.class);
        private final Provenance start;
        private final long startNanos = System.nanoTime();
        private double learningRate;
        private long step;
        private int epoch;
        /** Each trained branch's best held-out loss: the branches are separate networks, each kept at its best. */
        private final Map<Branch, Double> bestLoss = new EnumMap<>(Branch.class);
        private int epochsWithoutImprovement;
        private Map<String, Double> bestMetrics = Map.of();

        Run(TrainingConfig config, NucleiModel model, Split split) {
            this.config = config;
            this.model = model;
            this.split = split;
            this.start = model.provenance();
            this.step = start.steps();
            this.epoch = start.epochs();
            for (Branch branch : config.branches()) {
                bestLoss.put(branch, start.metrics().getOrDefault("best_" + lossKey(branch), Double.POSITIVE_INFINITY));
            }
            this.epochsWithoutImprovement = start.metrics().getOrDefault(EPOCHS_WITHOUT_IMPROVEMENT, 0.0).intValue();
            this.learningRate = config.learningRate();
        }

        TrainingResult train() throws IOException {
            Map<Branch, Trainer> trainers = new EnumMap<>(Branch.class);
            try {
                for (Branch branch : Branch.values()) {
                    // the trainer only collects gradients; our Adam applies them (its state goes in checkpoints)
                    Trainer trainer = model.model(branch).newTrainer(new DefaultTrainingConfig(Loss.l2Loss()));
                    trainer.initialize(new Shape(config.batch(), 3, config.crop(), config.crop()));
                    trainers.put(branch, trainer);
                    Adam adam = new Adam(model.block(branch), model.model(branch).getNDManager());
                    optimizers.put(branch, adam);
                    if (config.resume() != null) {
                        ModelFile.readOptimizer(config.resume(), branch, adam);
                    }
                }
                return loop(trainers);
            } finally {
                trainers.values().forEach(Trainer::close);
                optimizers.values().forEach(Adam::close);
            }
        }

        private TrainingResult loop(Map<Branch, Trainer> trainers) throws IOException {
            long stepsThisRun = 0;
            while (true) {
                TrainingResult.Stop stop = stopReason();
                if (stop != null) {
                    if (stop != TrainingResult.Stop.CANCELLED && step % config.stepsPerEpoch() != 0) {
                        endEpoch();
                    } else {
                        saveCheckpoint(Map.of());
                    }
                    return result(stop, stop.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                }
                learningRate = schedule();
                float[] losses = trainStep(trainers);
                for (Branch branch : config.branches()) {
                    float loss = losses[branch.ordinal()];
                    if (!Float.isFinite(loss)) {
                        String message = branch.key() + " loss became " + loss + " at step "
                                + (step + 1) + "; stopped, the last good checkpoint is " + config.checkpoint();
                        return result(TrainingResult.Stop.DIVERGED, message);
                    }
                }
                step++;
                stepsThisRun++;
                double elapsed = elapsedSeconds();
                TrainingListener.Step event = new TrainingListener.Step(epoch + 1, step, config.maxSteps(), losses[0],
                        losses[1], learningRate, elapsed, eta(elapsed, stepsThisRun));
                listeners.forEach(listener -> listener.onStep(event));
                if (step % config.stepsPerEpoch() == 0) {
                    endEpoch();
                }
            }
        }

        private TrainingResult.Stop stopReason() {
            if (cancelled.get()) {
                return TrainingResult.Stop.CANCELLED;
            }
            if (config.maxSteps() > 0 && step >= config.maxSteps()) {
                return TrainingResult.Stop.COMPLETED;
            }
            if (config.minutes() > 0 && elapsedSeconds() >= config.minutes() * 60) {
                return TrainingResult.Stop.TIME_BUDGET;
            }
            if (config.patience() > 0 && epochsWithoutImprovement >= config.patience()) {
                return TrainingResult.Stop.PLATEAU;
            }
            return null;
        }

        /** Cosine from the initial to the final rate over whichever budget (steps or time) runs out first. */
        private double schedule() {
            double progress = 0;
            if (config.maxSteps() > 0) {
                progress = (double) step / config.maxSteps();
            }
            if (config.minutes() > 0) {
                double total = start.wallSeconds() + config.minutes() * 60;
                progress = Math.max(progress, (start.wallSeconds() + elapsedSeconds()) / total);
            }
            progress = Math.min(1, progress);
            return config.finalLearningRate()
                    + (config.learningRate() - config.finalLearningRate()) * (1 + Math.cos(Math.PI * progress)) / 2;
        }

        private double eta(double elapsed, long stepsThisRun) {
            double eta = Double.POSITIVE_INFINITY;
            if (config.maxSteps() > 0) {
                eta = elapsed / stepsThisRun * (config.maxSteps() - step);
            }
            if (config.minutes() > 0) {
                eta = Math.min(eta, config.minutes() * 60 - elapsed);
            }
            return Math.max(0, eta);
        }

        /** One augmented batch, one update of each trained branch; returns the losses (NaN for untrained ones). */
        private float[] trainStep(Map<Branch, Trainer> trainers) {
            Random random = new Random(config.seed() * 1_000_003L + step);
            int pixels = config.crop() * config.crop();
            float[] images = new float[config.batch() * 3 * pixels];
            float[] foreground = new float[config.batch() * pixels];
            float[] distance = new float[config.batch() * pixels];
            for (int b = 0; b < config.batch(); b++) {
                TrainingSample sample = split.training().get(random.nextInt(split.training().size()));
                CropSampler.sample(sample, random, config.crop(), config.augment(), images, b * 3 * pixels,
                        foreground, distance, b * pixels);
            }
            float[] losses = {Float.NaN, Float.NaN};
            for (Branch branch : config.branches()) {
                Trainer trainer = trainers.get(branch);
                try (NDManager manager = trainer.getManager().newSubManager()) {
                    Shape shape = new Shape(config.batch(), 1, config.crop(), config.crop());
                    NDArray x = manager.create(images, new Shape(config.batch(), 3, config.crop(), config.crop()));
                    NDArray target = manager.create(branch == Branch.SEGMENTATION ? foreground : distance, shape);
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray output = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray loss = branch == Branch.SEGMENTATION ? Losses.segmentation(output, target)
                                : Losses.regression(output, target);
                        losses[branch.ordinal()] = loss.getFloat();
                        if (!Float.isFinite(losses[branch.ordinal()])) {
                            return losses;
                        }
                        NativeSteps.run(() -> collector.backward(loss));
                    }
                    optimizers.get(branch).step(learningRate);
                    model.applyMasks(branch); // Adam moves pruned weights off zero: re-mask after every step
                }
            }
            return losses;
        }

        private void endEpoch() throws IOException {
            epoch++;
            Map<String, Double> validation = validate();
            List<Branch> improved = new ArrayList<>();
            for (Branch branch : config.branches()) {
                double loss = validation.getOrDefault(lossKey(branch), Double.NaN);
                if (split.validation().isEmpty()) {
                    improved.add(branch); // nothing held out: every epoch is the best so far
                } else if (loss < bestLoss.get(branch)) {
                    improved.add(branch);
                    bestLoss.put(branch, loss);
                }
            }
            boolean best = !improved.isEmpty();
            if (best) {
                Map<String, Double> merged = new LinkedHashMap<>(bestMetrics);
                for (Branch branch : improved) {
                    validation.forEach((key, value) -> {
                        if (branchOfMetric(key) == branch) {
                            merged.put(key, value);
                        }
                    });
                }
                if (Double.isFinite(bestScore())) {
                    merged.put(VAL_SCORE, bestScore());
                }
                bestMetrics = merged;
            }
            epochsWithoutImprovement = best ? 0 : epochsWithoutImprovement + 1;
            saveCheckpoint(validation);
            if (best) {
                saveBest(improved);
            }
            TrainingListener.Epoch event = new TrainingListener.Epoch(epoch, step, validation, best);
            listeners.forEach(listener -> listener.onEpoch(event));
        }

        /**
         * Writes the model of the best epoch; when only some branches improved, only they replace theirs in the file,
         * so each branch stays at its own best epoch (a regression loss ~30x smaller than the segmentation loss would
         * otherwise hardly count in choosing the epoch).
         */
        private void saveBest(List<Branch> improved) throws IOException {
            Path out = config.out();
            if (improved.containsAll(config.branches()) || !Files.isRegularFile(out)) {
                model.save(out);
                return;
            }
            Provenance p = model.provenance();
            Map<String, Double> metrics = new LinkedHashMap<>(p.metrics());
            metrics.putAll(bestMetrics);
            try (NucleiModel best = NucleiModel.load(out)) {
                for (Branch branch : improved) {
                    best.copyBranch(branch, model);
                }
                best.setProvenance(new Provenance(p.data(), p.command(), p.epochs(), p.steps(), p.wallSeconds(),
                        metrics, p.created()));
                best.save(out);
            }
        }

        private void saveCheckpoint(Map<String, Double> validation) throws IOException {
            Map<String, Double> metrics = new LinkedHashMap<>(validation);
            if (Double.isFinite(bestScore())) {
                metrics.put("best_" + VAL_SCORE, bestScore());
            }
            bestLoss.forEach((branch, loss) -> {
                if (Double.isFinite(loss)) {
                    metrics.put("best_" + lossKey(branch), loss);
                }
            });
            metrics.put(EPOCHS_WITHOUT_IMPROVEMENT, (double) epochsWithoutImprovement);
            model.setProvenance(new Provenance(config.data().toString(), config.command(), epoch, step,
                    start.wallSeconds() + elapsedSeconds(), metrics, java.time.Instant.now().toString()));
            model.saveCheckpoint(config.checkpoint(), optimizers);
        }

        /**
         * Losses of the trained branches (and pixel Dice when the segmentation branch trains) on fixed crops of the
         * held-out images, with inference-mode batch norm. {@code val_score} (lower is better) is the sum of the
         * trained branches' losses.
         */
        private Map<String, Double> validate() {
            if (split.validation().isEmpty()) {
                return Map.of();
            }
            int crop = config.crop();
            int pixels = crop * crop;
            double segLoss = 0;
            double regLoss = 0;
            double intersection = 0;
            double total = 0;
            int count = 0;
            Random random = new Random(config.seed());
            for (TrainingSample sample : split.validation()) {
                for (int c = 0; c < VALIDATION_CROPS_PER_IMAGE; c++) {
                    float[] image = new float[3 * pixels];
                    float[] foreground = new float[pixels];
                    float[] distance = new float[pixels];
                    CropSampler.sample(sample, random, crop, false, image, 0, foreground, distance, 0);
                    try (NDManager manager = model.model(Branch.SEGMENTATION).getNDManager().newSubManager()) {
                        ParameterStore store = new ParameterStore(manager, false);
                        NDArray x = manager.create(image, new Shape(1, 3, crop, crop));
                        Shape shape = new Shape(1, 1, crop, crop);
                        NDArray fg = manager.create(foreground, shape);
                        if (config.branches().contains(Branch.SEGMENTATION)) {
                            NDArray logits = model.block(Branch.SEGMENTATION).forward(store, new NDList(x), false)
                                    .singletonOrThrow();
                            segLoss += Losses.segmentation(logits, fg).getFloat();
                            NDArray predicted = Activation.sigmoid(logits).gt(0.5f)
                                    .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                            NDArray truth = fg.gt(0.5f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                            intersection += predicted.mul(truth).sum().getFloat();
                            total += predicted.sum().getFloat() + truth.sum().getFloat();
                        }
                        if (config.branches().contains(Branch.REGRESSION)) {
                            NDArray dist = model.block(Branch.REGRESSION).forward(store, new NDList(x), false)
                                    .singletonOrThrow();
                            regLoss += Losses.regression(dist, manager.create(distance, shape)).getFloat();
                        }
                        count++;
                    }
                }
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (config.branches().contains(Branch.SEGMENTATION)) {
                metrics.put(VAL_SEG_LOSS, segLoss / count);
                metrics.put(VAL_PIXEL_DICE, total > 0 ? 2 * intersection / total : 1.0);
            }
            if (config.branches().contains(Branch.REGRESSION)) {
                metrics.put(VAL_REG_MSE, regLoss / count);
            }
            metrics.put(VAL_SCORE, (segLoss + regLoss) / count);
            return metrics;
        }

        /** The sum of the trained branches' best held-out losses (infinite before the first held-out epoch). */
        private double bestScore() {
            return bestLoss.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** The held-out loss that ranks a branch's epochs. */
        private static String lossKey(Branch branch) {
            return branch == Branch.SEGMENTATION ? VAL_SEG_LOSS : VAL_REG_MSE;
        }

        /** The branch a validation metric measures, or null for the combined score. */
        private static Branch branchOfMetric(String key) {
            return BRANCH_OF_METRIC.get(key);
        }

        private double elapsedSeconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        private TrainingResult result(TrainingResult.Stop stop, String message) {
            return new TrainingResult(stop, message, step, epoch, start.wallSeconds() + elapsedSeconds(), bestMetrics,
                    config.out(), config.checkpoint());
        }
    }
}
