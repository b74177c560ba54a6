package org.histoprune.data;

/**
 * The tissue between the nuclei, as stain amounts at any point of the plane: where there is tissue at all, how
 * cellular it is (dense epithelium with lilac cytoplasm versus loose pink stroma), wavy eosin fibres with pale
 * clefts between them, and a slow drift of staining strength across a slide.
 */
final class TissueField {
    /** Pixel scales of the features (40x, ~0.25 um/px). */
    private static final double CELLULARITY_SCALE = 380;
    private static final double TISSUE_SCALE = 3000;
    private static final double WARP_SCALE = 700;
    private static final double DRIFT_SCALE = 5000;

    private final long seed;
    private final double fibreAngle;
    private final double tissueThreshold;

    TissueField(long seed, double tissueFraction) {
        this.seed = Noise.mix(seed ^ 0x7155_0E00L);
        this.fibreAngle = Noise.unit(this.seed, 1, 1) * Math.PI;
        this.tissueThreshold = tissueFraction >= 1 ? Double.NEGATIVE_INFINITY : quantile(1 - tissueFraction);
    }

    /** 1 inside tissue, 0 on bare glass, a narrow ramp between. */
    double tissue(double x, double y) {
        if (tissueThreshold == Double.NEGATIVE_INFINITY) {
            return 1;
        }
        double v = tissueNoise(x, y) + 0.04 * (Noise.value(seed + 20, x / 40, y / 40) - 0.5);
        return Noise.smoothStep(tissueThreshold - 0.004, tissueThreshold + 0.004, v);
    }

    /** 0 for loose stroma, 1 for densely cellular tissue. */
    double cellularity(double x, double y) {
        return Noise.smoothStep(0.3, 0.56, Noise.fractal(seed + 10, x / CELLULARITY_SCALE, y / CELLULARITY_SCALE, 3));
    }

    /** Local direction of the fibres, radians; spindle-shaped nuclei lie along it. */
    double fibreDirection(double x, double y) {
        return fibreAngle + 1.6 * (Noise.value(seed + 30, x / WARP_SCALE, y / WARP_SCALE) - 0.5);
    }

    /** A multiplier of hematoxylin uptake that drifts slowly over a slide (uneven staining). */
    double drift(double x, double y) {
        return 0.85 + 0.3 * Noise.value(seed + 40, x / DRIFT_SCALE, y / DRIFT_SCALE);
    }

    /**
     * Stain amounts of the tissue without nuclei at pixel centre (x, y): {@code out[0]} hematoxylin,
     * {@code out[1]} eosin.
     */
    void stains(double x, double y, double[] out) {
        double tissue = tissue(x, y);
        if (tissue <= 0) {
            out[0] = 0;
            out[1] = 0;
            return;
        }
        double cellular = cellularity(x, y);
        double angle = fibreDirection(x, y);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double along = x * cos + y * sin;
        // Bundles wave sideways along their length.
        double straight = -x * sin + y * cos;
        double across = straight + 14 * Noise.value(seed + 52, along / 90, straight / 60);
        double bundles = Noise.value(seed + 50, along / 80, across / 9);
        double fibrils = Noise.value(seed + 51, along / 35, across / 2.5);
        double fibre = 0.55 * bundles + 0.45 * fibrils;
        double cleft = Noise.smoothStep(0.6, 0.66, Noise.fractal(seed + 60, along / 200, across / 30, 2));
        double stroma = (0.3 + 0.9 * Noise.smoothStep(0.2, 0.85, fibre)) * (1 - 0.9 * cleft);
        double mottle = Noise.fractal(seed + 70, x / 7, y / 7, 2);
        double cytoplasm = 0.42 + 0.3 * mottle;
        double eosin = stroma + (cytoplasm - stroma) * cellular;
        double hematoxylin = 0.1 + 0.35 * cellular * (0.7 + 0.6 * mottle) + 0.05 * (1 - cleft);
        out[0] = tissue * hematoxylin * drift(x, y);
        out[1] = tissue * eosin;
    }

    /** The value of the tissue noise that the given share of the plane lies below, estimated on a fixed grid. */
    private double quantile(double share) {
        int n = 64;
        double[] samples = new double[n * n];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = tissueNoise((i % n) * 997.0, (i / n) * 997.0);
        }
        java.util.Arrays.sort(samples);
        return samples[(int) Math.min(samples.length - 1, Math.round(share * samples.length))];
    }

    private double tissueNoise(double x, double y) {
        return Noise.fractal(seed + 80, x / TISSUE_SCALE, y / TISSUE_SCALE, 4);
    }
}
