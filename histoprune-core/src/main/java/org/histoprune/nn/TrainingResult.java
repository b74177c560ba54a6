package org.histoprune.nn;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a run ended. {@code steps} and {@code epochs} count from the very start (including resumed runs);
 * {@code best} holds the validation metrics of the saved best model (empty if none was saved).
 */
public record TrainingResult(Stop stop, String message, long steps, int epochs, double wallSeconds,
        Map<String, Double> best, Path model, Path checkpoint) {
    /** Why training stopped. */
    public enum Stop {
        COMPLETED, TIME_BUDGET, CANCELLED, DIVERGED,
        /** The held-out loss of the trained branches stopped improving for the configured patience. */
        PLATEAU
    }

    public TrainingResult {
        best = Map.copyOf(best);
    }
}
