package org.histoprune.image;

final class Dimensions {
    private Dimensions() {
    }

    static void check(int width, int height, int length) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if ((long) width * height != length) {
            throw new IllegalArgumentException(
                    "pixel array holds " + length + " values, not " + width + "x" + height);
        }
    }
}
