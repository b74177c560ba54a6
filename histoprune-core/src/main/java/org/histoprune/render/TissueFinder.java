package org.histoprune.render;

import org.histoprune.image.RgbImage;

/** Finds the most stained square field of a slide from its thumbnail, where a first look is worth it. */
public final class TissueFinder {
    private TissueFinder() {
    }

    /**
     * The level-0 centre {x, y} of the {@code fieldSide} px square with the most stain (darkness summed over
     * its thumbnail pixels); glass is near white and scores nothing.
     */
    public static double[] densestField(RgbImage thumbnail, int slideWidth, int slideHeight, int fieldSide) {
        int width = thumbnail.width();
        int height = thumbnail.height();
        double scale = (double) width / slideWidth;
        int window = Math.max(1, Math.min(Math.min(width, height), (int) Math.round(fieldSide * scale)));
        long[] integral = new long[(width + 1) * (height + 1)];
        for (int y = 0; y < height; y++) {
            long row = 0;
            for (int x = 0; x < width; x++) {
                int rgb = thumbnail.get(x, y);
                row += 765 - RgbImage.red(rgb) - RgbImage.green(rgb) - RgbImage.blue(rgb);
                integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1] + row;
            }
        }
        long best = -1;
        int bestX = 0;
        int bestY = 0;
        for (int y = 0; y + window <= height; y++) {
            for (int x = 0; x + window <= width; x++) {
                long sum = integral[(y + window) * (width + 1) + x + window] - integral[y * (width + 1) + x + window]
                        - integral[(y + window) * (width + 1) + x] + integral[y * (width + 1) + x];
                if (sum > best) {
                    best = sum;
                    bestX = x;
                    bestY = y;
                }
            }
        }
        return new double[] {Math.min(slideWidth, (bestX + window / 2.0) / scale),
            Math.min(slideHeight, (bestY + window / 2.0) / scale)};
    }
}
