package org.histoprune.image;

import java.util.Arrays;

/**
 * Exact Euclidean distance transform (Felzenszwalb and Huttenlocher, 2012): two passes of the 1-D
 * lower envelope of parabolas, linear in the number of pixels.
 */
public final class DistanceTransform {
    private static final float INFINITY = 1e20f;

    private DistanceTransform() {
    }

    /**
     * Distance of every pixel to the nearest pixel outside {@code inside}; 0 outside. Pixels beyond the
     * raster's edge do not count as outside (as scipy's {@code distance_transform_edt}). When no pixel is
     * outside, every distance is {@link Float#POSITIVE_INFINITY}.
     */
    public static float[] euclidean(boolean[] inside, int width, int height) {
        if (inside.length != width * height) {
            throw new IllegalArgumentException("mask holds " + inside.length + " values, not " + width + "x" + height);
        }
        float[] squared = new float[inside.length];
        for (int i = 0; i < inside.length; i++) {
            squared[i] = inside[i] ? INFINITY : 0f;
        }
        int longest = Math.max(width, height);
        float[] line = new float[longest];
        float[] out = new float[longest];
        int[] vertex = new int[longest];
        float[] boundary = new float[longest + 1];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                line[y] = squared[y * width + x];
            }
            lowerEnvelope(line, height, out, vertex, boundary);
            for (int y = 0; y < height; y++) {
                squared[y * width + x] = out[y];
            }
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(squared, y * width, line, 0, width);
            lowerEnvelope(line, width, out, vertex, boundary);
            System.arraycopy(out, 0, squared, y * width, width);
        }
        for (int i = 0; i < squared.length; i++) {
            squared[i] = squared[i] >= INFINITY ? Float.POSITIVE_INFINITY : (float) Math.sqrt(squared[i]);
        }
        return squared;
    }

    private static void lowerEnvelope(float[] f, int n, float[] out, int[] vertex, float[] boundary) {
        int k = 0;
        vertex[0] = 0;
        boundary[0] = Float.NEGATIVE_INFINITY;
        boundary[1] = Float.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            float s = intersection(f, q, vertex[k]);
            while (s <= boundary[k]) {
                k--;
                s = intersection(f, q, vertex[k]);
            }
            k++;
            vertex[k] = q;
            boundary[k] = s;
            boundary[k + 1] = Float.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (boundary[k + 1] < q) {
                k++;
            }
            float d = q - vertex[k];
            out[q] = Math.min(INFINITY, d * d + f[vertex[k]]);
        }
        Arrays.fill(out, n, out.length, 0f);
    }

    private static float intersection(float[] f, int q, int p) {
        return ((f[q] + (float) q * q) - (f[p] + (float) p * p)) / (2f * q - 2f * p);
    }
}
