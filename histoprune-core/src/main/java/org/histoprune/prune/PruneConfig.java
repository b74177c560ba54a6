package org.histoprune.prune;

import java.nio.file.Path;

/**
 * One pruning job. Unstructured strategies reach {@code compressionRatio} (weights before / weights after,
 * over all prunable conv kernels) in log2(CR) rounds that each prune half of the weights still alive, or in
 * one round when {@code oneShot}; N:M is always one round at CR = M/N. Filter strategies remove
 * {@code filterRatio} of the filters, per layer or, when {@code globalRanking}, by one ranking over all layers.
 * Only the {@code branches} are pruned and retrained; network-wide ranking stays within each branch.
 * After each round the network is retrained {@code epochsPerRound} epochs of {@code stepsPerEpoch} steps on
 * {@code data} (0 epochs = no retraining). Filter strategies round kept counts to multiples of
 * {@code channelMultiple} (1 = no rounding; 8 or 16 fit the channel blocks of oneDNN's CPU kernels). With
 * {@code ofDenseWidths}, per-layer filter pruning keeps {@code 1 - filterRatio} of the filters of the <em>dense</em>
 * network's layer (not of the model's own, possibly pruned layer): the steps of an iterative chain then name the
 * fraction of the dense network's filters removed so far, and the channel rounding does not compound.
 */
public record PruneConfig(Strategy strategy, double compressionRatio, double filterRatio, int n, int m,
        boolean oneShot, boolean excludeFirstLast, boolean globalRanking, int epochsPerRound, int stepsPerEpoch,
        Retraining retraining, Path data, int crop, int taylorBatches, long seed, PrunedBranches branches,
        int patience, int channelMultiple, boolean ofDenseWidths) {
    /** Filter ratios of the model's own layers. */
    public PruneConfig(Strategy strategy, double compressionRatio, double filterRatio, int n, int m,
            boolean oneShot, boolean excludeFirstLast, boolean globalRanking, int epochsPerRound, int stepsPerEpoch,
            Retraining retraining, Path data, int crop, int taylorBatches, long seed, PrunedBranches branches,
            int patience, int channelMultiple) {
        this(strategy, compressionRatio, filterRatio, n, m, oneShot, excludeFirstLast, globalRanking, epochsPerRound,
                stepsPerEpoch, retraining, data, crop, taylorBatches, seed, branches, patience, channelMultiple, false);
    }

    /** The settings of {@code prune} before the branch axis: both branches, fixed-length retraining. */
    public PruneConfig(Strategy strategy, double compressionRatio, double filterRatio, int n, int m, boolean oneShot,
            boolean excludeFirstLast, boolean globalRanking, int epochsPerRound, int stepsPerEpoch,
            Retraining retraining, Path data, int crop, int taylorBatches, long seed) {
        this(strategy, compressionRatio, filterRatio, n, m, oneShot, excludeFirstLast, globalRanking, epochsPerRound,
                stepsPerEpoch, retraining, data, crop, taylorBatches, seed, PrunedBranches.BOTH, 0, 1);
    }

    public PruneConfig {
        if (strategy == null || retraining == null || branches == null) {
            throw new IllegalArgumentException("strategy, retraining and branches are required");
        }
        if (strategy.structured() && branches != PrunedBranches.BOTH) {
            throw new IllegalArgumentException("filter pruning keeps both branches the same shape: it prunes both"
                    + " branches (--branch both)");
        }
        if (channelMultiple < 1) {
            throw new IllegalArgumentException("channel multiple must be >= 1, got " + channelMultiple);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0 (0 = retrain the full budget), got " + patience);
        }
        if (strategy.structured()) {
            if (!(filterRatio > 0 && filterRatio < 1)) {
                throw new IllegalArgumentException("filter ratio must be in (0, 1), got " + filterRatio);
            }
        } else if (strategy == Strategy.NM) {
            if (n < 1 || m <= n) {
                throw new IllegalArgumentException("N:M needs 1 <= N < M, got " + n + ":" + m);
            }
            compressionRatio = (double) m / n;
        } else if (!(compressionRatio > 1) || !Double.isFinite(compressionRatio)) {
            throw new IllegalArgumentException("compression ratio must be > 1, got " + compressionRatio);
        }
        if (epochsPerRound < 0 || stepsPerEpoch < 1 || taylorBatches < 1 || crop < 16) {
            throw new IllegalArgumentException("epochs >= 0, steps per epoch >= 1, Taylor batches >= 1, crop >= 16");
        }
        if ((epochsPerRound > 0 || strategy == Strategy.TAYLOR) && data == null) {
            throw new IllegalArgumentException(strategy == Strategy.TAYLOR ? "Taylor importance needs --data"
                    : "retraining needs --data (or --epochs 0)");
        }
    }

    /** Unstructured magnitude pruning to {@code cr}, iterative, no retraining. */
    public static PruneConfig magnitude(Strategy strategy, double cr) {
        return new PruneConfig(strategy, cr, 0, 2, 4, false, false, false, 0, 100, Retraining.FINE_TUNE, null, 256, 8, 42);
    }

    /** N:M magnitude pruning, no retraining. */
    public static PruneConfig nm(int n, int m) {
        return new PruneConfig(Strategy.NM, 0, 0, n, m, true, false, false, 0, 100, Retraining.FINE_TUNE, null, 256, 8, 42);
    }

    /** Filter pruning of {@code ratio} of the filters of every layer, no retraining. */
    public static PruneConfig filters(Strategy strategy, double ratio, Path data) {
        return new PruneConfig(strategy, 0, ratio, 2, 4, true, false, false, 0, 100, Retraining.FINE_TUNE, data, 256, 8,
                42);
    }

    public PruneConfig withOneShot(boolean value) {
        return new PruneConfig(strategy, compressionRatio, filterRatio, n, m, value, excludeFirstLast, globalRanking,
                epochsPerRound, stepsPerEpoch, retraining, data, crop, taylorBatches, seed, branches, patience,
                channelMultiple, ofDenseWidths);
    }

    public PruneConfig withExcludeFirstLast(boolean value) {
        return new PruneConfig(strategy, compressionRatio, filterRatio, n, m, oneShot, value, globalRanking,
                epochsPerRound, stepsPerEpoch, retraining, data, crop, taylorBatches, seed, branches, patience,
                channelMultiple, ofDenseWidths);
    }

    public PruneConfig withGlobalRanking(boolean value) {
        return new PruneConfig(strategy, compressionRatio, filterRatio, n, m, oneShot, excludeFirstLast, value,
                epochsPerRound, stepsPerEpoch, retraining, data, crop, taylorBatches, seed, branches, patience,
                channelMultiple, ofDenseWidths);
    }

    public PruneConfig withRetraining(Path newData, int epochs, int steps, Retraining mode, int newCrop) {
        return new PruneConfig(strategy, compressionRatio, filterRatio, n, m, oneShot, excludeFirstLast, globalRanking,
                epochs, steps, mode, newData, newCrop, taylorBatches, seed, branches, patience,
                channelMultiple, ofDenseWidths);
    }

    public PruneConfig withChannelMultiple(int value) {
        return new PruneConfig(strategy, compressionRatio, filterRatio, n, m, oneShot, excludeFirstLast, globalRanking,
                epochsPerRound, stepsPerEpoch, retraining, data, crop, taylorBatches, seed, branches, patience, value,
                ofDenseWidths);
    }

    public PruneConfig withBranches(PrunedBranches value) {
        return new PruneConfig(strategy, compressionRatio, filterRatio, n, m, oneShot, excludeFirstLast, globalRanking,
                epochsPerRound, stepsPerEpoch, retraining, data, crop, taylorBatches, seed, value, patience,
                channelMultiple, ofDenseWidths);
    }

    public PruneConfig withSeed(long value) {
        return new PruneConfig(strategy, compressionRatio, filterRatio, n, m, oneShot, excludeFirstLast, globalRanking,
                epochsPerRound, stepsPerEpoch, retraining, data, crop, taylorBatches, value, branches, patience,
                channelMultiple, ofDenseWidths);
    }

    /** Filter ratios counted on the dense network's layers (see the class comment). */
    public PruneConfig withOfDenseWidths(boolean value) {
        return new PruneConfig(strategy, compressionRatio, filterRatio, n, m, oneShot, excludeFirstLast, globalRanking,
                epochsPerRound, stepsPerEpoch, retraining, data, crop, taylorBatches, seed, branches, patience,
                channelMultiple, value);
    }

    /**
     * Retraining of each round stops early after {@code value} epochs without a better held-out loss of the
     * pruned branches (0: always the full {@code epochsPerRound}).
     */
    public PruneConfig withPatience(int value) {
        return new PruneConfig(strategy, compressionRatio, filterRatio, n, m, oneShot, excludeFirstLast, globalRanking,
                epochsPerRound, stepsPerEpoch, retraining, data, crop, taylorBatches, seed, branches, value,
                channelMultiple, ofDenseWidths);
    }

    /** Pruning rounds: one per halving (log2 CR, rounded up), or 1 for one-shot, N:M and filter pruning. */
    public int rounds() {
        if (oneShot || strategy == Strategy.NM || strategy.structured()) {
            return 1;
        }
        return Math.max(1, (int) Math.ceil(Math.log(compressionRatio) / Math.log(2) - 1e-9));
    }

    /** Fraction of the prunable weights alive after {@code round} (1-based): CR^(-round/rounds). */
    public double keptAfter(int round) {
        return Math.pow(compressionRatio, -(double) round / rounds());
    }
}
