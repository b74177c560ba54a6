package org.histoprune.image;

/** An RGB raster, one packed {@code 0xRRGGBB} int per pixel, row-major. */
public record RgbImage(int width, int height, int[] rgb) {
    public RgbImage {
        Dimensions.check(width, height, rgb.length);
    }

    public RgbImage(int width, int height) {
        this(width, height, new int[Math.multiplyExact(width, height)]);
    }

    public int get(int x, int y) {
        return rgb[y * width + x];
    }

    public static int red(int packed) {
        return (packed >> 16) & 0xFF;
    }

    public static int green(int packed) {
        return (packed >> 8) & 0xFF;
    }

    public static int blue(int packed) {
        return packed & 0xFF;
    }

    public static int pack(int red, int green, int blue) {
        return (red & 0xFF) << 16 | (green & 0xFF) << 8 | (blue & 0xFF);
    }
}
