package org.histoprune.nn;

import java.util.Map;

/** Receives training progress, on the training thread; must return quickly. */
public interface TrainingListener {
    /** After each optimizer step of both branches. {@code totalSteps} is 0 when only time limits the run. */
    record Step(int epoch, long step, long totalSteps, double segmentationLoss, double regressionLoss,
            double learningRate, double elapsedSeconds, double etaSeconds) {
    }

    /** After each epoch's validation; {@code best} when this epoch's model became the saved best. */
    record Epoch(int epoch, long step, Map<String, Double> validation, boolean best) {
    }

    default void onStep(Step step) {
    }

    default void onEpoch(Epoch epoch) {
    }
}
