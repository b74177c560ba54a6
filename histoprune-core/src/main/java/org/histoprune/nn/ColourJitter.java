package org.histoprune.nn;

import java.util.Random;
import org.histoprune.image.RgbImage;

/**
 * Colour augmentation for H&E: random scaling and shifting of the haematoxylin, eosin and residual stain
 * concentrations (Ruifrok-Johnston colour deconvolution, as in Tellez et al. 2018), then brightness,
 * contrast and saturation jitter, and sometimes a slight Gaussian blur (focus variation).
 */
final class ColourJitter {
    /** Rows: optical density of H, E and DAB/residual per R, G, B (scikit-image's rgb_from_hed). */
    private static final double[][] RGB_FROM_HED = {{0.65, 0.70, 0.29}, {0.07, 0.99, 0.11}, {0.27, 0.57, 0.78}};
    private static final double[][] HED_FROM_RGB = invert(RGB_FROM_HED);
    private static final double STAIN_SCALE = 0.15;
    private static final double STAIN_SHIFT = 0.05;
    private static final double BLUR_PROBABILITY = 0.25;

    private ColourJitter() {
    }

    static RgbImage apply(RgbImage image, Random random) {
        double[] alpha = new double[3];
        double[] beta = new double[3];
        for (int k = 0; k < 3; k++) {
            alpha[k] = 1 + (random.nextDouble() * 2 - 1) * STAIN_SCALE;
            beta[k] = (random.nextDouble() * 2 - 1) * STAIN_SHIFT;
        }
        double brightness = (random.nextDouble() * 2 - 1) * 15;
        double contrast = 1 + (random.nextDouble() * 2 - 1) * 0.15;
        double saturation = 1 + (random.nextDouble() * 2 - 1) * 0.2;
        int[] rgb = image.rgb();
        int[] out = new int[rgb.length];
        double[] od = new double[3];
        double[] stain = new double[3];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            od[0] = -Math.log((RgbImage.red(p) + 1) / 256.0);
            od[1] = -Math.log((RgbImage.green(p) + 1) / 256.0);
            od[2] = -Math.log((RgbImage.blue(p) + 1) / 256.0);
            for (int k = 0; k < 3; k++) {
                double s = od[0] * HED_FROM_RGB[0][k] + od[1] * HED_FROM_RGB[1][k] + od[2] * HED_FROM_RGB[2][k];
                stain[k] = s * alpha[k] + beta[k];
            }
            double[] c = new double[3];
            for (int ch = 0; ch < 3; ch++) {
                double density = stain[0] * RGB_FROM_HED[0][ch] + stain[1] * RGB_FROM_HED[1][ch]
                        + stain[2] * RGB_FROM_HED[2][ch];
                c[ch] = 256 * Math.exp(-Math.max(0, density)) - 1;
            }
            double grey = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
            for (int ch = 0; ch < 3; ch++) {
                double v = grey + (c[ch] - grey) * saturation;
                c[ch] = (v - 128) * contrast + 128 + brightness;
            }
            out[i] = RgbImage.pack(clamp(c[0]), clamp(c[1]), clamp(c[2]));
        }
        RgbImage jittered = new RgbImage(image.width(), image.height(), out);
        return random.nextDouble() < BLUR_PROBABILITY ? blur(jittered, 0.3 + random.nextDouble() * 0.9) : jittered;
    }

    /** Separable Gaussian blur, edges clamped. */
    static RgbImage blur(RgbImage image, double sigma) {
        int radius = (int) Math.ceil(2.5 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        int w = image.width();
        int h = image.height();
        int[] horizontal = convolve(image.rgb(), w, h, kernel, 1, 0);
        return new RgbImage(w, h, convolve(horizontal, w, h, kernel, 0, 1));
    }

    private static int[] convolve(int[] rgb, int w, int h, double[] kernel, int dx, int dy) {
        int radius = kernel.length / 2;
        int[] out = new int[rgb.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int k = -radius; k <= radius; k++) {
                    int sx = Math.max(0, Math.min(w - 1, x + k * dx));
                    int sy = Math.max(0, Math.min(h - 1, y + k * dy));
                    int p = rgb[sy * w + sx];
                    double weight = kernel[k + radius];
                    r += weight * RgbImage.red(p);
                    g += weight * RgbImage.green(p);
                    b += weight * RgbImage.blue(p);
                }
                out[y * w + x] = RgbImage.pack(clamp(r), clamp(g), clamp(b));
            }
        }
        return out;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static double[][] invert(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] inv = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int r1 = (c + 1) % 3;
                int r2 = (c + 2) % 3;
                int c1 = (r + 1) % 3;
                int c2 = (r + 2) % 3;
                inv[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
            }
        }
        return inv;
    }
}
