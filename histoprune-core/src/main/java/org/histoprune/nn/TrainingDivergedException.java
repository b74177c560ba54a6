package org.histoprune.nn;

import org.histoprune.io.InvalidInputException;

/**
 * A training or retraining whose loss stopped being finite. Its message names the run (e.g. the pruning round), the
 * step and what to try; front ends show it as is (exit code 2 in the CLI, a failed cell in a sweep).
 */
public class TrainingDivergedException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** Advice for a pruning round's retraining. */
    public static final String PRUNING_ADVICE = "Try a smaller pruning step per round (more rounds or a lower ratio), "
            + "a lower learning rate, or another seed";
    /** Advice for a training from scratch or a resumed one. */
    public static final String TRAINING_ADVICE = "Try a lower --lr or another --seed";

    public TrainingDivergedException(String run, TrainingResult result, String advice) {
        super(run + " diverged: " + result.message() + ". " + advice);
    }
}
