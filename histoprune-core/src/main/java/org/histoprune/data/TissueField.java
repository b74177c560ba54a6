package org.histoprune.data;

import java.util.Arrays;

/**
 * The tissue between the nuclei, as stain amounts at any point of the plane: where there is tissue at all, how
 * cellular it is (dense epithelium with lilac cytoplasm versus loose pink stroma), wavy eosin fibres with pale
 * clefts between them, and a slow drift of staining strength across a slide. The slowly varying fields are
 * sampled on a fixed global grid and interpolated, which is faster and still independent of how the plane is cut.
 */
final class TissueField {
    /** Pixel scales of the features (40x, ~0.25 um/px). */
    private static final double CELLULARITY_SCALE = 380;
    private static final double TISSUE_SCALE = 3000;
    private static final double WARP_SCALE = 900;
    private static final double WARP_AMPLITUDE = 320;
    private static final double DRIFT_SCALE = 5000;
    private static final int GRID = 8;
    /** Spacing of epithelial cells, px (~12 um). */
    private static final double CELL_SIZE = 48;

    private final long seed;
    private final double fibreAngle;
    private final double cos;
    private final double sin;
    private final double tissueThreshold;

    TissueField(long seed, double tissueFraction) {
        this.seed = Noise.mix(seed ^ 0x7155_0E00L);
        this.fibreAngle = Noise.unit(this.seed, 1, 1) * Math.PI;
        this.cos = Math.cos(fibreAngle);
        this.sin = Math.sin(fibreAngle);
        this.tissueThreshold = tissueFraction >= 1 ? Double.NEGATIVE_INFINITY : quantile(1 - tissueFraction);
    }

    /** 1 inside tissue, 0 on bare glass, a narrow ramp between. */
    double tissue(double x, double y) {
        return tissueFromNoise(tissueNoise(x, y));
    }

    /** 0 for loose stroma, 1 for densely cellular tissue. */
    double cellularity(double x, double y) {
        return Noise.smoothStep(0.3, 0.56, Noise.fractal(seed + 10, x / CELLULARITY_SCALE, y / CELLULARITY_SCALE, 3));
    }

    /** Local direction of the fibres, radians; spindle-shaped nuclei lie along it. */
    double fibreDirection(double x, double y) {
        double step = 4;
        double slope = (warp(x + step * cos, y + step * sin) - warp(x - step * cos, y - step * sin)) / (2 * step);
        // Lines of constant (across + warp) turn against the warp's growth along them.
        return fibreAngle - Math.atan(slope);
    }

    /** A multiplier of hematoxylin uptake that drifts slowly over a slide (uneven staining). */
    double drift(double x, double y) {
        return 0.85 + 0.3 * Noise.value(seed + 40, x / DRIFT_SCALE, y / DRIFT_SCALE);
    }

    /** Stain amounts of the tissue without nuclei for every pixel of a region, row-major. */
    void paint(int x0, int y0, int w, int h, float[] hematoxylin, float[] eosin) {
        int gx0 = Math.floorDiv(x0, GRID);
        int gy0 = Math.floorDiv(y0, GRID);
        int gw = Math.floorDiv(x0 + w, GRID) - gx0 + 2;
        int gh = Math.floorDiv(y0 + h, GRID) - gy0 + 2;
        double[][] coarse = new double[4][gw * gh];
        for (int j = 0; j < gh; j++) {
            for (int i = 0; i < gw; i++) {
                double x = (gx0 + i) * (double) GRID;
                double y = (gy0 + j) * (double) GRID;
                int k = j * gw + i;
                coarse[0][k] = tissueNoise(x, y);
                coarse[1][k] = cellularity(x, y);
                coarse[2][k] = warp(x, y);
                coarse[3][k] = drift(x, y);
            }
        }
        double[] at = new double[4];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double x = x0 + i + 0.5;
                double y = y0 + j + 0.5;
                interpolate(coarse, gw, (x / GRID) - gx0, (y / GRID) - gy0, at);
                double tissue = tissueFromNoise(at[0]);
                int k = j * w + i;
                if (tissue <= 0) {
                    hematoxylin[k] = 0;
                    eosin[k] = 0;
                    continue;
                }
                double cellular = at[1];
                double mottle = cellular > 0 ? Noise.fractal(seed + 70, x / 12, y / 12, 2) : 0;
                double stroma = 0;
                double cleft = 0;
                if (cellular < 1) {
                    double along = x * cos + y * sin;
                    double straight = -x * sin + y * cos + at[2];
                    // Bundles also wave sideways a little along their length.
                    double across = straight + 14 * Noise.value(seed + 52, along / 90, straight / 60);
                    double fibre = 0.55 * Noise.value(seed + 50, along / 80, across / 9)
                            + 0.45 * Noise.value(seed + 51, along / 35, across / 2.5);
                    cleft = Noise.smoothStep(0.6, 0.66, Noise.fractal(seed + 60, along / 200, across / 30, 2));
                    stroma = (0.3 + 0.9 * Noise.smoothStep(0.2, 0.85, fibre)) * (1 - 0.9 * cleft);
                }
                // Faint, broken cell borders.
                double membrane = cellular > 0 ? membrane(x, y) * Noise.smoothStep(0.35, 0.7, mottle) : 0;
                double cytoplasm = 0.4 + 0.3 * mottle + 0.22 * membrane;
                double e = stroma + (cytoplasm - stroma) * cellular;
                double hem = 0.1 + 0.28 * cellular * (0.7 + 0.6 * mottle - 0.4 * membrane) + 0.05 * (1 - cleft);
                hematoxylin[k] = (float) (tissue * hem * at[3]);
                eosin[k] = (float) (tissue * e);
            }
        }
    }

    /**
     * 1 on the borders between epithelial cells, fading to 0 within ~3 px: where the nearest and second nearest
     * of a jittered grid of cell centres are about equally far (a Voronoi diagram).
     */
    private double membrane(double x, double y) {
        int cx = (int) Math.floor(x / CELL_SIZE);
        int cy = (int) Math.floor(y / CELL_SIZE);
        double nearest = Double.MAX_VALUE;
        double second = Double.MAX_VALUE;
        for (int j = cy - 1; j <= cy + 1; j++) {
            for (int i = cx - 1; i <= cx + 1; i++) {
                double px = (i + 0.15 + 0.7 * Noise.unit(seed + 90, i, j)) * CELL_SIZE;
                double py = (j + 0.15 + 0.7 * Noise.unit(seed + 91, i, j)) * CELL_SIZE;
                double d = (x - px) * (x - px) + (y - py) * (y - py);
                if (d < nearest) {
                    second = nearest;
                    nearest = d;
                } else if (d < second) {
                    second = d;
                }
            }
        }
        return 1 - Noise.smoothStep(0, 2, (Math.sqrt(second) - Math.sqrt(nearest)) * 0.5);
    }

    /** Bilinear interpolation of each coarse field at grid coordinates (u, v). */
    private static void interpolate(double[][] coarse, int gw, double u, double v, double[] out) {
        int i = (int) Math.floor(u);
        int j = (int) Math.floor(v);
        double tx = u - i;
        double ty = v - j;
        int k = j * gw + i;
        for (int f = 0; f < out.length; f++) {
            double[] field = coarse[f];
            double top = field[k] + (field[k + 1] - field[k]) * tx;
            double bottom = field[k + gw] + (field[k + gw + 1] - field[k + gw]) * tx;
            out[f] = top + (bottom - top) * ty;
        }
    }

    /** Sideways displacement of the fibres, px: bends the otherwise parallel bundles. */
    private double warp(double x, double y) {
        return WARP_AMPLITUDE * (Noise.fractal(seed + 30, x / WARP_SCALE, y / WARP_SCALE, 2) - 0.5);
    }

    private double tissueFromNoise(double noise) {
        if (tissueThreshold == Double.NEGATIVE_INFINITY) {
            return 1;
        }
        return Noise.smoothStep(tissueThreshold - 0.004, tissueThreshold + 0.004, noise);
    }

    /** The value of the tissue noise that the given share of the plane lies below, estimated on a fixed grid. */
    private double quantile(double share) {
        int n = 64;
        double[] samples = new double[n * n];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = tissueNoise((i % n) * 997.0, (i / n) * 997.0);
        }
        Arrays.sort(samples);
        return samples[(int) Math.min(samples.length - 1, Math.round(share * samples.length))];
    }

    /** Large blobs of tissue with a ragged edge. */
    private double tissueNoise(double x, double y) {
        return Noise.fractal(seed + 80, x / TISSUE_SCALE, y / TISSUE_SCALE, 5);
    }
}
