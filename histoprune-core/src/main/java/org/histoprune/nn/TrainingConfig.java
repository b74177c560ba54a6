package org.histoprune.nn;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One training run of the {@code branches} (the others stay as they are). It stops after {@code epochs} epochs of
 * {@code stepsPerEpoch} steps or after {@code minutes} of wall time, whichever comes first (0 = no limit of that
 * kind; one must be set), or, when {@code patience > 0}, once the held-out loss of the trained branches has not
 * improved for {@code patience} epochs (a plateau). {@code out} receives the best model by validation score;
 * {@link #checkpoint()} the latest state.
 */
public record TrainingConfig(Path data, Path out, UNetConfig unet, int epochs, int stepsPerEpoch, double minutes,
        int batch, int crop, double learningRate, double finalLearningRate, double validationFraction, long seed,
        boolean augment, Path resume, String command, int patience, List<Branch> branches) {
    /** A run of both branches for its whole budget. */
    public TrainingConfig(Path data, Path out, UNetConfig unet, int epochs, int stepsPerEpoch, double minutes,
            int batch, int crop, double learningRate, double finalLearningRate, double validationFraction, long seed,
            boolean augment, Path resume, String command) {
        this(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate, finalLearningRate,
                validationFraction, seed, augment, resume, command, 0, List.of(Branch.values()));
    }

    public TrainingConfig {
        if (patience < 0 || branches == null || branches.isEmpty()) {
            throw new IllegalArgumentException("patience >= 0 and at least one branch to train");
        }
        branches = List.copyOf(branches);
        if (epochs < 0 || minutes < 0 || (epochs == 0 && minutes == 0)) {
            throw new IllegalArgumentException("give a number of epochs or a time budget in minutes");
        }
        if (stepsPerEpoch < 1 || batch < 1) {
            throw new IllegalArgumentException("steps per epoch and batch must be >= 1");
        }
        if (crop < unet.sizeMultiple() || crop % unet.sizeMultiple() != 0) {
            throw new IllegalArgumentException("crop must be a multiple of " + unet.sizeMultiple() + ", got " + crop);
        }
        if (!(learningRate > 0) || !(finalLearningRate >= 0) || !(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("bad learning rate or validation fraction");
        }
        command = command == null ? "" : command;
    }

    /** The recipe: base-16 depth-4 U-Nets, Adam 1e-3 cosine to 1e-5, batch 2, 256x256 crops. */
    public static TrainingConfig defaults(Path data, Path out) {
        return new TrainingConfig(data, out, UNetConfig.defaults(), 50, 100, 0, 2, 256, 1e-3, 1e-5, 0.1, 42,
                true, null, "");
    }

    public TrainingConfig withUnet(UNetConfig value) {
        return new TrainingConfig(data, out, value, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, seed, augment, resume, command, patience, branches);
    }

    public TrainingConfig withBudget(int newEpochs, int newStepsPerEpoch, double newMinutes) {
        return new TrainingConfig(data, out, unet, newEpochs, newStepsPerEpoch, newMinutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, seed, augment, resume, command, patience, branches);
    }

    public TrainingConfig withCrop(int newCrop) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, newCrop, learningRate,
                finalLearningRate, validationFraction, seed, augment, resume, command, patience, branches);
    }

    public TrainingConfig withBatch(int value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, value, crop, learningRate,
                finalLearningRate, validationFraction, seed, augment, resume, command, patience, branches);
    }

    public TrainingConfig withValidationFraction(double value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, value, seed, augment, resume, command, patience, branches);
    }

    public TrainingConfig withLearningRate(double value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, value,
                finalLearningRate, validationFraction, seed, augment, resume, command, patience, branches);
    }

    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, value, augment, resume, command, patience, branches);
    }

    public TrainingConfig withAugment(boolean value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, seed, value, resume, command, patience, branches);
    }

    public TrainingConfig withResume(Path value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, seed, augment, value, command, patience, branches);
    }

    public TrainingConfig withCommand(String value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, seed, augment, resume, value, patience, branches);
    }

    public TrainingConfig withPatience(int value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, seed, augment, resume, command, value, branches);
    }

    public TrainingConfig withBranches(List<Branch> value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, seed, augment, resume, command, patience, value);
    }

    public Optional<Path> resumeFrom() {
        return Optional.ofNullable(resume);
    }

    /** Total steps of the epoch budget, or 0 when only time limits the run. */
    public long maxSteps() {
        return (long) epochs * stepsPerEpoch;
    }

    /** Where the latest state is written: {@code <out stem>.last.hpm} next to {@code out}. */
    public Path checkpoint() {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return out.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".last.hpm");
    }
}
