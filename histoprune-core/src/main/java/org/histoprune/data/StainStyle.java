package org.histoprune.data;

import java.util.SplittableRandom;

/**
 * The look of one scan: hematoxylin and eosin optical-density vectors (Beer-Lambert, one absorbance per RGB
 * channel), how strongly each stain took, the glass background and the scanner's blur. Drawn at random per seed,
 * around values measured on MoNuSeg (stroma OD ~(0.45, 0.85, 0.42), nuclei ~(1.3, 2.0, 1.0)).
 */
record StainStyle(double[] hematoxylin, double[] eosin, double[] glass, double hematoxylinScale,
        double eosinScale, double blurSigma) {
    private static final double[] HEMATOXYLIN = {0.58, 0.74, 0.34};
    private static final double[] EOSIN = {0.16, 0.88, 0.45};
    private static final long SALT = 0x5A17_5EEDL;

    static StainStyle draw(long seed) {
        SplittableRandom random = new SplittableRandom(Noise.mix(seed ^ SALT));
        double[] hematoxylin = perturbed(HEMATOXYLIN, 0.09, random);
        double[] eosin = perturbed(EOSIN, 0.09, random);
        double haze = random.nextDouble(0.02, 0.09);
        double[] glass = {haze, haze + random.nextDouble(0, 0.03), haze * 0.6};
        return new StainStyle(hematoxylin, eosin, glass, random.nextDouble(0.7, 1.35),
                random.nextDouble(0.6, 1.4), random.nextDouble(0.6, 1.3));
    }

    /** Transmitted light (0..255) of one channel through the given amounts of stain. */
    float intensity(int channel, double h, double e) {
        double density = glass[channel] + hematoxylinScale * h * hematoxylin[channel] + eosinScale * e * eosin[channel];
        return (float) (255 * Math.exp(-density));
    }

    private static double[] perturbed(double[] vector, double amount, SplittableRandom random) {
        double[] out = new double[3];
        double norm = 0;
        for (int c = 0; c < 3; c++) {
            out[c] = Math.max(0.02, vector[c] + random.nextDouble(-amount, amount));
            norm += out[c] * out[c];
        }
        norm = Math.sqrt(norm);
        for (int c = 0; c < 3; c++) {
            out[c] /= norm;
        }
        return out;
    }
}
