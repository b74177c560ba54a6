package org.histoprune.app.pruning;

import java.nio.file.Path;
import java.util.Locale;
import org.histoprune.app.session.CompressionChoice;
import org.histoprune.prune.PruneConfig;
import org.histoprune.prune.PrunedBranches;
import org.histoprune.prune.Retraining;
import org.histoprune.prune.Strategy;

/**
 * A point of the CR slider: a strategy, the pruned branch(es) and a compression ratio (a power of two, 1 = dense),
 * and the pruning job that reaches it. Magnitude strategies prune each chosen branch on its own to the CR over its
 * conv weights; filter strategies keep both branches the same shape and always prune both; N:M keeps 1 of every CR
 * weights; filter strategies remove 1 - 1/sqrt(CR) of every layer's filters, since a conv's parameters scale
 * with its width squared (the sweep's filter chains halve the parameters per step the same way).
 */
record PruneTarget(Strategy strategy, int compressionRatio, PrunedBranches branches) {
    /** Both branches, each pruned on its own. */
    PruneTarget(Strategy strategy, int compressionRatio) {
        this(strategy, compressionRatio, PrunedBranches.BOTH);
    }

    PruneTarget {
        if (strategy == null || compressionRatio < 1 || Integer.bitCount(compressionRatio) != 1) {
            throw new IllegalArgumentException("a strategy and a power-of-two CR are needed, got " + compressionRatio);
        }
        branches = branches == null || strategy.structured() ? PrunedBranches.BOTH : branches;
    }

    static PruneTarget of(CompressionChoice choice) {
        return new PruneTarget(choice.strategy().get(), choice.compressionRatio(), choice.branches().get());
    }

    boolean dense() {
        return compressionRatio == 1;
    }

    double filterRatio() {
        return 1 - 1 / Math.sqrt(compressionRatio);
    }

    /**
     * The job as a preview: one cut at the final ratio, no data. Taylor importance needs data, yet with
     * per-layer ratios it removes as many filters as L1 does, so L1 stands in for the cost.
     */
    PruneConfig planConfig() {
        return switch (strategy) {
            case NM -> PruneConfig.nm(1, compressionRatio).withBranches(branches);
            case L1_FILTER, TAYLOR -> PruneConfig.filters(Strategy.L1_FILTER, filterRatio(), null);
            default -> PruneConfig.magnitude(strategy, compressionRatio).withOneShot(true).withBranches(branches);
        };
    }

    /**
     * The job to run: with {@code data}, {@code steps} retraining steps of {@code crop}-pixel crops after each
     * round (magnitude pruning then halves the weights per round); without, one cut and no retraining.
     */
    PruneConfig runConfig(Path data, int steps, int crop) {
        PruneConfig base = switch (strategy) {
            case NM -> PruneConfig.nm(1, compressionRatio).withBranches(branches);
            case L1_FILTER, TAYLOR -> PruneConfig.filters(strategy, filterRatio(), data);
            default -> PruneConfig.magnitude(strategy, compressionRatio).withOneShot(data == null)
                    .withBranches(branches);
        };
        return data == null ? base : base.withRetraining(data, 1, steps, Retraining.FINE_TUNE, crop);
    }

    /** The strategy as the app names it. */
    static String name(Strategy strategy) {
        return switch (strategy) {
            case LAYERWISE -> "layer-wise";
            case GLOBAL -> "network-wide";
            case NM -> "N:M";
            case L1_FILTER -> "L1 filter";
            case TAYLOR -> "Taylor";
        };
    }

    /** The branch choice as the app names it. */
    static String name(PrunedBranches branches) {
        return switch (branches) {
            case SEGMENTATION -> "segmentation branch";
            case REGRESSION -> "regression branch";
            case BOTH -> "both branches";
        };
    }

    /** E.g. "network-wide 16x", or "network-wide 16x, segmentation branch" when one branch is pruned. */
    String label() {
        return dense() ? "dense (1\u00d7)"
                : String.format(Locale.ROOT, "%s %d\u00d7%s", name(strategy), compressionRatio,
                        branches == PrunedBranches.BOTH ? "" : ", " + name(branches));
    }
}
