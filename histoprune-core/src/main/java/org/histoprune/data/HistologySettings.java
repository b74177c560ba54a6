package org.histoprune.data;

/**
 * What the synthetic tissue looks like.
 *
 * @param minRadius smallest mean nucleus radius ({@code sqrt(a*b)} of its ellipse), px; 40x is ~0.25 um/px
 * @param maxRadius largest mean nucleus radius, px
 * @param density average number of nuclei per 10,000 px^2 of tissue (MoNuSeg: ~5)
 * @param clusterProbability chance that a nucleus has 1-3 neighbours touching or overlapping it
 * @param tissueFraction share of the plane covered by tissue, the rest is bare glass; 1 for tiles
 * @param noise amplitude of per-pixel sensor noise, grey levels
 */
public record HistologySettings(double minRadius, double maxRadius, double density, double clusterProbability,
        double tissueFraction, double noise) {
    /** Bounds that keep the nuclei of one region within reach of its neighbouring grid cells. */
    static final double MAX_RADIUS = 24;
    static final double MAX_DENSITY = 30;

    public HistologySettings {
        if (!(minRadius >= 2 && minRadius <= maxRadius && maxRadius <= MAX_RADIUS)) {
            throw new IllegalArgumentException("nucleus radii must satisfy 2 <= min <= max <= " + MAX_RADIUS
                    + ", got " + minRadius + ".." + maxRadius);
        }
        if (!(density >= 0 && density <= MAX_DENSITY)) {
            throw new IllegalArgumentException("density must be in 0.." + MAX_DENSITY + " per 10,000 px^2, got "
                    + density);
        }
        if (!(clusterProbability >= 0 && clusterProbability <= 1)) {
            throw new IllegalArgumentException("cluster probability must be in 0..1, got " + clusterProbability);
        }
        if (!(tissueFraction > 0 && tissueFraction <= 1)) {
            throw new IllegalArgumentException("tissue fraction must be in (0, 1], got " + tissueFraction);
        }
        if (!(noise >= 0 && noise <= 32)) {
            throw new IllegalArgumentException("noise must be in 0..32 grey levels, got " + noise);
        }
    }

    /** MoNuSeg-like tiles: radii 5-14 px, 5 nuclei per 10,000 px^2, a third of them in clusters, all tissue. */
    public static HistologySettings defaults() {
        return new HistologySettings(5, 14, 5, 0.35, 1, 2);
    }

    public HistologySettings withRadii(double min, double max) {
        return new HistologySettings(min, max, density, clusterProbability, tissueFraction, noise);
    }

    public HistologySettings withDensity(double value) {
        return new HistologySettings(minRadius, maxRadius, value, clusterProbability, tissueFraction, noise);
    }

    public HistologySettings withClusterProbability(double value) {
        return new HistologySettings(minRadius, maxRadius, density, value, tissueFraction, noise);
    }

    public HistologySettings withTissueFraction(double value) {
        return new HistologySettings(minRadius, maxRadius, density, clusterProbability, value, noise);
    }

    public HistologySettings withNoise(double value) {
        return new HistologySettings(minRadius, maxRadius, density, clusterProbability, tissueFraction, value);
    }
}
