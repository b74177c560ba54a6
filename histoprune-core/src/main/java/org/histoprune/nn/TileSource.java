package org.histoprune.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.histoprune.image.RgbImage;
import org.histoprune.io.SlideReader;

/** Where tiles come from; a tile may reach past the image, and the source decides what lies there. */
interface TileSource {
    RgbImage read(int x, int y, int width, int height);

    /** An in-memory image, mirrored at its borders. */
    static TileSource of(RgbImage image) {
        return (x, y, width, height) -> {
            int[] out = new int[width * height];
            for (int row = 0; row < height; row++) {
                int sy = mirror(y + row, image.height());
                for (int col = 0; col < width; col++) {
                    out[row * width + col] = image.rgb()[sy * image.width() + mirror(x + col, image.width())];
                }
            }
            return new RgbImage(width, height, out);
        };
    }

    /** One level of a slide (white outside it). */
    static TileSource of(SlideReader slide, int level) {
        return (x, y, width, height) -> {
            try {
                return slide.readRegion(level, x, y, width, height);
            } catch (IOException e) {
                throw new UncheckedIOException(slide.path() + ": cannot read region", e);
            }
        };
    }

    private static int mirror(int i, int size) {
        if (size == 1) {
            return 0;
        }
        int period = 2 * (size - 1);
        int m = Math.floorMod(i, period);
        return m < size ? m : period - m;
    }
}
