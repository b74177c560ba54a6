package org.histoprune.io;

import org.histoprune.image.RgbImage;

/**
 * Hematoxylin and eosin amounts of an RGB pixel by colour deconvolution with the stain vectors of Ruifrok &amp;
 * Johnston (Anal. Quant. Cytol. Histol. 23:291-299, 2001), the third stain being DAB, as in scikit-image's
 * {@code rgb2hed}. Amounts are optical densities (log10).
 */
final class ColourDeconvolution {
    private static final double[][] STAINS = {
        {0.65, 0.70, 0.29}, // hematoxylin
        {0.07, 0.99, 0.11}, // eosin
        {0.27, 0.57, 0.78}, // DAB
    };
    /** Optical density of each 8-bit intensity; 0 is clamped to 1 to keep the logarithm finite. */
    private static final double[] OPTICAL_DENSITY = new double[256];
    private static final double[][] UNMIX = invert(normalisedRows(STAINS));

    static {
        for (int i = 0; i < 256; i++) {
            OPTICAL_DENSITY[i] = -Math.log10(Math.max(i, 1) / 255.0);
        }
    }

    private ColourDeconvolution() {
    }

    static double hematoxylin(int rgb) {
        return amount(rgb, 0);
    }

    static double eosin(int rgb) {
        return amount(rgb, 1);
    }

    /** Stain amount = optical-density row vector times the inverse of the stain matrix. */
    private static double amount(int rgb, int stain) {
        return OPTICAL_DENSITY[RgbImage.red(rgb)] * UNMIX[0][stain]
                + OPTICAL_DENSITY[RgbImage.green(rgb)] * UNMIX[1][stain]
                + OPTICAL_DENSITY[RgbImage.blue(rgb)] * UNMIX[2][stain];
    }

    private static double[][] normalisedRows(double[][] rows) {
        double[][] result = new double[3][];
        for (int r = 0; r < 3; r++) {
            double norm = Math.sqrt(rows[r][0] * rows[r][0] + rows[r][1] * rows[r][1] + rows[r][2] * rows[r][2]);
            result[r] = new double[] {rows[r][0] / norm, rows[r][1] / norm, rows[r][2] / norm};
        }
        return result;
    }

    /** Inverse of a 3x3 matrix by cofactors. */
    private static double[][] invert(double[][] m) {
        double[][] cofactor = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int r1 = (r + 1) % 3;
                int r2 = (r + 2) % 3;
                int c1 = (c + 1) % 3;
                int c2 = (c + 2) % 3;
                cofactor[r][c] = m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1];
            }
        }
        double determinant = m[0][0] * cofactor[0][0] + m[0][1] * cofactor[0][1] + m[0][2] * cofactor[0][2];
        double[][] inverse = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                inverse[r][c] = cofactor[c][r] / determinant;
            }
        }
        return inverse;
    }
}
