package org.histoprune.prune;

import org.histoprune.nn.TrainingListener;

/** Receives progress of a {@link PruneRun}, on its thread; must return quickly. */
public interface PruneListener {
    /** After a round was pruned (and retrained), or found finished on disk ({@code resumed}). */
    record Round(int round, int rounds, ModelCost cost, boolean resumed, java.nio.file.Path file) {
    }

    default void onRound(Round round) {
    }

    /** Each retraining step within {@code round}. */
    default void onTrainingStep(int round, TrainingListener.Step step) {
    }
}
