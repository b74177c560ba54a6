package org.histoprune.nn;

import org.histoprune.image.RgbImage;

/** Conversion of our rasters to network input, shared by training and prediction so they never differ. */
final class Tensors {
    private Tensors() {
    }

    /** Writes an image as channel-planar floats in -1..1 into {@code out} at {@code offset} (3*w*h values). */
    static void putImage(RgbImage image, float[] out, int offset) {
        int plane = image.width() * image.height();
        int[] rgb = image.rgb();
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            out[offset + i] = RgbImage.red(p) / 127.5f - 1f;
            out[offset + plane + i] = RgbImage.green(p) / 127.5f - 1f;
            out[offset + 2 * plane + i] = RgbImage.blue(p) / 127.5f - 1f;
        }
    }
}
