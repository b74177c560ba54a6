package org.histoprune.image;

/**
 * Separable Gaussian smoothing with mirrored borders (scipy's {@code reflect}: the edge pixel is repeated,
 * {@code d c b a | a b c d | d c b a}). The kernel reaches 4 sigma, as scipy's default truncation.
 */
public final class GaussianFilter {
    private static final double TRUNCATE = 4.0;

    private GaussianFilter() {
    }

    /** A smoothed copy of {@code map}; a sigma of 0 returns an unchanged copy. */
    public static FloatMap smooth(FloatMap map, double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite and >= 0, got " + sigma);
        }
        int width = map.width();
        int height = map.height();
        float[] source = map.values();
        if (sigma == 0) {
            return new FloatMap(width, height, source.clone());
        }
        float[] kernel = halfKernel(sigma);
        float[] rows = new float[source.length];
        smoothRows(source, rows, width, height, kernel);
        float[] out = new float[source.length];
        smoothColumns(rows, out, width, height, kernel);
        return new FloatMap(width, height, out);
    }

    /** Weights for offsets 0..radius, normalised so that the full symmetric kernel sums to 1. */
    static float[] halfKernel(double sigma) {
        int radius = (int) (TRUNCATE * sigma + 0.5);
        double[] weights = new double[radius + 1];
        double sum = 0;
        for (int k = 0; k <= radius; k++) {
            weights[k] = Math.exp(-0.5 * k * k / (sigma * sigma));
            sum += k == 0 ? weights[k] : 2 * weights[k];
        }
        float[] kernel = new float[radius + 1];
        for (int k = 0; k <= radius; k++) {
            kernel[k] = (float) (weights[k] / sum);
        }
        return kernel;
    }

    /** Index of position {@code i} of a line of {@code n} samples mirrored at both ends (period 2n). */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int j = Math.floorMod(i, period);
        return j < n ? j : period - 1 - j;
    }

    private static void smoothRows(float[] in, float[] out, int width, int height, float[] kernel) {
        int radius = kernel.length - 1;
        float[] padded = new float[width + 2 * radius];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            System.arraycopy(in, row, padded, radius, width);
            for (int i = 0; i < radius; i++) {
                padded[i] = in[row + reflect(i - radius, width)];
                padded[radius + width + i] = in[row + reflect(width + i, width)];
            }
            // Offset by offset along the row, so the inner loop runs along memory.
            float centreWeight = kernel[0];
            for (int x = 0; x < width; x++) {
                out[row + x] = centreWeight * padded[x + radius];
            }
            for (int k = 1; k <= radius; k++) {
                float weight = kernel[k];
                int left = radius - k;
                int right = radius + k;
                for (int x = 0; x < width; x++) {
                    out[row + x] += weight * (padded[left + x] + padded[right + x]);
                }
            }
        }
    }

    /** Row by row, adding whole mirrored rows, so the inner loop runs along memory. */
    private static void smoothColumns(float[] in, float[] out, int width, int height, float[] kernel) {
        int radius = kernel.length - 1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            float centreWeight = kernel[0];
            for (int x = 0; x < width; x++) {
                out[row + x] = centreWeight * in[row + x];
            }
            for (int k = 1; k <= radius; k++) {
                int above = reflect(y - k, height) * width;
                int below = reflect(y + k, height) * width;
                float weight = kernel[k];
                for (int x = 0; x < width; x++) {
                    out[row + x] += weight * (in[above + x] + in[below + x]);
                }
            }
        }
    }
}
