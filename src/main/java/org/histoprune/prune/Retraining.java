package org.histoprune.prune;

/** How the network is retrained after each pruning round. */
public enum Retraining {
    /** Continue at the final learning rate of the original schedule. */
    FINE_TUNE,
    /** Learning-rate rewinding (Renda et al.): replay the tail of the original cosine schedule. */
    REWIND
}
