package org.histoprune.nn;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One training run of both branches. It stops after {@code epochs} epochs of {@code stepsPerEpoch} steps or
 * after {@code minutes} of wall time, whichever comes first (0 = no limit of that kind; one must be set).
 * {@code out} receives the best model by validation score; {@link #checkpoint()} the latest state.
 */
public record TrainingConfig(Path data, Path out, UNetConfig unet, int epochs, int stepsPerEpoch, double minutes,
        int batch, int crop, double learningRate, double finalLearningRate, double validationFraction, long seed,
        boolean augment, Path resume, String command) {
    public TrainingConfig {
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
                finalLearningRate, validationFraction, seed, augment, resume, command);
    }

    public TrainingConfig withBudget(int newEpochs, int newStepsPerEpoch, double newMinutes) {
        return new TrainingConfig(data, out, unet, newEpochs, newStepsPerEpoch, newMinutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, seed, augment, resume, command);
    }

    public TrainingConfig withCrop(int newCrop) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, newCrop, learningRate,
                finalLearningRate, validationFraction, seed, augment, resume, command);
    }

    public TrainingConfig withBatch(int value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, value, crop, learningRate,
                finalLearningRate, validationFraction, seed, augment, resume, command);
    }

    public TrainingConfig withValidationFraction(double value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, value, seed, augment, resume, command);
    }

    public TrainingConfig withLearningRate(double value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, value,
                finalLearningRate, validationFraction, seed, augment, resume, command);
    }

    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, value, augment, resume, command);
    }

    public TrainingConfig withAugment(boolean value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, seed, value, resume, command);
    }

    public TrainingConfig withResume(Path value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, seed, augment, value, command);
    }

    public TrainingConfig withCommand(String value) {
        return new TrainingConfig(data, out, unet, epochs, stepsPerEpoch, minutes, batch, crop, learningRate,
                finalLearningRate, validationFraction, seed, augment, resume, value);
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
