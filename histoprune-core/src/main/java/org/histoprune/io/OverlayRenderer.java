package org.histoprune.io;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;

/** Instance outlines drawn over an image, each instance in its own colour, for a quick look at a result. */
public final class OverlayRenderer {
    /** The golden-ratio step spreads consecutive labels' hues far apart. */
    private static final double HUE_STEP = 0.6180339887498949;

    private OverlayRenderer() {
    }

    /** A copy of {@code image} whose instance boundary pixels (4-neighbour of another label) are coloured. */
    public static RgbImage render(RgbImage image, LabelImage labels) {
        if (!labels.sameSizeAs(image.width(), image.height())) {
            throw new IllegalArgumentException("labels are " + labels.width() + "x" + labels.height()
                    + " but the image is " + image.width() + "x" + image.height());
        }
        int width = labels.width();
        int height = labels.height();
        int[] ids = labels.labels();
        int[] rgb = image.rgb().clone();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int id = ids[i];
                if (id != 0 && (x == 0 || y == 0 || x == width - 1 || y == height - 1 || ids[i - 1] != id
                        || ids[i + 1] != id || ids[i - width] != id || ids[i + width] != id)) {
                    rgb[i] = colour(id);
                }
            }
        }
        return new RgbImage(width, height, rgb);
    }

    /** Renders and writes a PNG, atomically. */
    public static void write(RgbImage image, LabelImage labels, Path file) throws IOException {
        RasterFiles.writeRgbPng(render(image, labels), file);
    }

    /** A saturated, bright colour ({@code 0xRRGGBB}) that stays the same for a label across images. */
    public static int colour(int label) {
        float hue = (float) ((label * HUE_STEP) % 1.0);
        return Color.HSBtoRGB(hue, 0.9f, 1f) & 0xFFFFFF;
    }
}
