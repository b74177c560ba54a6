package org.histoprune.prune;

/** How the network is retrained after each pruning round. */
public enum Retraining {
    /** A short cosine from a tenth of the original initial learning rate down to its final rate. */
    FINE_TUNE,
    /** Learning-rate rewinding (Renda et al.): replay the tail of the original cosine schedule. */
    REWIND,
    /**
     * The training schedule again, from its initial rate down to its final rate over the round: the seed paper's
     * "retrain the network", which at a tenth of that rate recovers far less of what a round removes.
     */
    FULL_RATE
}
