package org.histoprune.image;

/** A single-channel float raster (probabilities, distances, network outputs), row-major. */
public record FloatMap(int width, int height, float[] values) {
    public FloatMap {
        Dimensions.check(width, height, values.length);
    }

    public FloatMap(int width, int height) {
        this(width, height, new float[Math.multiplyExact(width, height)]);
    }

    public float get(int x, int y) {
        return values[y * width + x];
    }

    /** Index of the first NaN or infinite value, or -1 when every value is finite. */
    public int firstNonFinite() {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }
}
