package org.histoprune.prune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.histoprune.nn.TrainingDivergedException;
import org.histoprune.io.AtomicFiles;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.NucleiTrainer;
import org.histoprune.nn.Provenance;
import org.histoprune.nn.TrainingConfig;
import org.histoprune.nn.TrainingListener;
import org.histoprune.nn.TrainingResult;

/**
 * A whole pruning job on model files: for each round, prune the previous round's model, retrain it, and keep
 * the result as {@code <out stem>.round<N>.hpm} (written only once the round is complete, by an atomic move).
 * A rerun with the same arguments resumes after the last finished round. The last round is copied to {@code out}.
 * A run asked to stop ({@link #cancelWhen}) ends within a retraining step by throwing {@link CancellationException};
 * the rounds finished so far stay on disk, so a rerun resumes from them.
 */
public final class PruneRun {
    /** Un-augmented crops whose statistics replace the batch-norm running averages after each pruning step. */
    static final int CALIBRATION_CROPS = 64;

    /**
     * Fine-tuning starts at this fraction of the training's initial rate and anneals to its final rate: at the
     * final rate alone a few hundred steps barely move a pruned network (layer-wise CR 2 stayed at Dice ~0.4).
     */
    static final double FINE_TUNE_RATE_FRACTION = 0.1;

    /** Provenance metric of a retrained round: optimizer steps its retraining ran. */
    public static final String RETRAIN_STEPS = "retrain_steps";
    /** Provenance metric of a retrained round: 1 when retraining stopped on a plateau of the held-out loss. */
    public static final String RETRAIN_PLATEAU = "retrain_plateau";

    private final PruneConfig config;
    private final List<PruneListener> listeners = new CopyOnWriteArrayList<>();
    private BooleanSupplier stop = () -> false;

    public PruneRun(PruneConfig config) {
        this.config = config;
    }

    /** Polled before each round and after each retraining step: when it turns true the run stops. */
    public PruneRun cancelWhen(BooleanSupplier condition) {
        this.stop = condition;
        return this;
    }

    public PruneRun addListener(PruneListener listener) {
        listeners.add(listener);
        return this;
    }

    /** The preview of the job on this model; throws {@link org.histoprune.io.InvalidInputException} if impossible. */
    public PrunePlan plan(Path modelFile) throws IOException {
        try (NucleiModel model = NucleiModel.load(modelFile)) {
            return config.strategy().structured() ? new FilterPruner(model, config).plan()
                    : new Pruner(model, config).plan();
        }
    }

    /** Runs (or resumes) every round; returns the cost of the final model, written to {@code out}. */
    public ModelCost run(Path modelFile, Path out, String command) throws IOException {
        Provenance original;
        try (NucleiModel model = NucleiModel.load(modelFile)) {
            original = model.provenance();
            if (!config.strategy().structured()) {
                new Pruner(model, config); // refuses an impossible CR before any work
            }
        }
        Path previous = modelFile;
        ModelCost cost = null;
        int rounds = config.rounds();
        for (int round = 1; round <= rounds; round++) {
            if (stop.getAsBoolean()) {
                throw new CancellationException("pruning cancelled before round " + round);
            }
            Path done = roundFile(out, round);
            boolean resumed = Files.isRegularFile(done);
            if (!resumed) {
                Path pruned = sibling(out, ".round" + round + ".pruned.hpm");
                prune(previous, pruned, round, original, command);
                if (config.epochsPerRound() > 0) {
                    retrain(pruned, done, round, original, command);
                    Files.deleteIfExists(pruned);
                } else {
                    Files.move(pruned, done, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            try (NucleiModel model = NucleiModel.load(done)) {
                cost = ModelCost.of(model);
            }
            PruneListener.Round event = new PruneListener.Round(round, rounds, cost, resumed, done);
            listeners.forEach(listener -> listener.onRound(event));
            previous = done;
        }
        Path last = previous;
        AtomicFiles.write(out, stream -> Files.copy(last, stream));
        return cost;
    }

    /** Where round {@code round} of a job writing {@code out} keeps its finished model. */
    public static Path roundFile(Path out, int round) {
        return sibling(out, ".round" + round + ".hpm");
    }

    private void prune(Path from, Path to, int round, Provenance original, String command) throws IOException {
        try (NucleiModel model = NucleiModel.load(from)) {
            Provenance provenance = new Provenance(original.data(), command, 0, 0, 0,
                    Map.of("prune_round", (double) round, "prune_rounds", (double) config.rounds()),
                    Instant.now().toString());
            if (config.strategy().structured()) {
                try (NucleiModel small = new FilterPruner(model, config).step()) {
                    recalibrate(small, round);
                    small.setProvenance(provenance);
                    small.save(to);
                }
            } else {
                new Pruner(model, config).step(round);
                recalibrate(model, round);
                // a fresh history: the retraining's own validation decides which epoch is best
                model.setProvenance(provenance);
                model.save(to);
            }
        }
    }

    /** Batch-norm statistics that fit the pruned network, when there is training data to measure them on. */
    private void recalibrate(NucleiModel model, int round) {
        if (config.data() != null) {
            model.recalibrateBatchNorm(config.branches().branches(), config.data(), CALIBRATION_CROPS, config.crop(),
                    config.seed() + round);
        }
    }

    private void retrain(Path pruned, Path done, int round, Provenance original, String command) throws IOException {
        Path training = sibling(done, ".training.hpm");
        TrainingConfig defaults = TrainingConfig.defaults(config.data(), training);
        double finalRate = defaults.finalLearningRate();
        double rate = switch (config.retraining()) {
            case FINE_TUNE -> defaults.learningRate() * FINE_TUNE_RATE_FRACTION;
            case REWIND -> rewoundRate(defaults.learningRate(), finalRate, original.steps());
            case FULL_RATE -> defaults.learningRate();
        };
        TrainingConfig training0;
        try (NucleiModel model = NucleiModel.load(pruned)) {
            training0 = new TrainingConfig(config.data(), training, model.config(), config.epochsPerRound(),
                    config.stepsPerEpoch(), 0, defaults.batch(), config.crop(), rate, finalRate,
                    defaults.validationFraction(), config.seed() + round, true, pruned, command, config.patience(),
                    config.branches().branches());
        }
        NucleiTrainer trainer = new NucleiTrainer();
        trainer.addListener(new TrainingListener() {
            @Override
            public void onStep(Step step) {
                listeners.forEach(listener -> listener.onTrainingStep(round, step));
                if (stop.getAsBoolean()) {
                    trainer.cancel();
                }
            }
        });
        TrainingResult result = trainer.run(training0);
        if (result.stop() == TrainingResult.Stop.CANCELLED) {
            throw new CancellationException("retraining of round " + round + " cancelled");
        }
        if (result.stop() == TrainingResult.Stop.DIVERGED) {
            throw new TrainingDivergedException("retraining of round " + round, result,
                    TrainingDivergedException.PRUNING_ADVICE);
        }
        recordRetraining(training, result);
        Files.move(training, done, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(training0.checkpoint());
    }

    /**
     * Notes in the retrained model how long its round retrained ({@link #RETRAIN_STEPS}: every step, also those after
     * the best epoch) and whether a plateau ended it ({@link #RETRAIN_PLATEAU}), so a resumed sweep still knows.
     */
    private static void recordRetraining(Path model, TrainingResult result) throws IOException {
        try (NucleiModel retrained = NucleiModel.load(model)) {
            Provenance p = retrained.provenance();
            Map<String, Double> metrics = new java.util.LinkedHashMap<>(p.metrics());
            metrics.put(RETRAIN_STEPS, (double) result.steps());
            metrics.put(RETRAIN_PLATEAU, result.stop() == TrainingResult.Stop.PLATEAU ? 1.0 : 0.0);
            retrained.setProvenance(new Provenance(p.data(), p.command(), p.epochs(), p.steps(), p.wallSeconds(),
                    metrics, p.created()));
            retrained.save(model);
        }
    }

    /**
     * Learning-rate rewinding: the rate the original cosine schedule had {@code E} steps before its end, or the
     * initial rate when the original run was shorter than the retraining.
     */
    private double rewoundRate(double initial, double finalRate, long originalSteps) {
        long retrainSteps = (long) config.epochsPerRound() * config.stepsPerEpoch();
        if (originalSteps <= retrainSteps) {
            return initial;
        }
        double progress = 1 - (double) retrainSteps / originalSteps;
        return finalRate + (initial - finalRate) * (1 + Math.cos(Math.PI * progress)) / 2;
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + suffix);
    }

    /** Rounds already finished on disk for a job writing {@code out}. */
    public List<Path> finishedRounds(Path out) {
        List<Path> finished = new ArrayList<>();
        for (int round = 1; round <= config.rounds() && Files.isRegularFile(roundFile(out, round)); round++) {
            finished.add(roundFile(out, round));
        }
        return finished;
    }
}
