package org.histoprune.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.OptionalDouble;
import org.histoprune.image.RgbImage;
import org.histoprune.io.SlideReader;

/** An open slide as the viewer needs it: its tiles and a small thumbnail for the overview and as an underlay. */
record SlideImage(SlideTiles tiles, BufferedImage thumbnail) {
    static final int THUMBNAIL_SIZE = 1024;

    SlideReader reader() {
        return tiles.reader();
    }

    int width() {
        return reader().width();
    }

    int height() {
        return reader().height();
    }

    OptionalDouble micronsPerPixel() {
        return reader().micronsPerPixel();
    }

    String name() {
        return reader().path().getFileName().toString();
    }

    /**
     * A thumbnail of at most {@code maxSide} pixels a side, read in strips from the coarsest level that still
     * has that many pixels.
     */
    static BufferedImage readThumbnail(SlideReader reader, int maxSide) throws IOException {
        List<SlideReader.Level> levels = reader.levels();
        int level = 0;
        while (level + 1 < levels.size()
                && Math.max(levels.get(level + 1).width(), levels.get(level + 1).height()) >= maxSide) {
            level++;
        }
        SlideReader.Level coarsest = levels.get(level);
        int step = Math.max(1, (int) Math.ceil((double) Math.max(coarsest.width(), coarsest.height()) / maxSide));
        int width = Math.max(1, coarsest.width() / step);
        int height = Math.max(1, coarsest.height() / step);
        RgbImage thumbnail = new RgbImage(width, height);
        int stripRows = Math.max(step, (1 << 22) / coarsest.width() / step * step);
        for (int y0 = 0; y0 < height * step; y0 += stripRows) {
            int rows = Math.min(stripRows, height * step - y0);
            RgbImage strip = reader.readRegion(level, 0, y0, width * step, rows);
            for (int y = 0; y < rows; y += step) {
                int target = (y0 + y) / step * width;
                for (int x = 0; x < width; x++) {
                    thumbnail.rgb()[target + x] = strip.get(x * step, y);
                }
            }
        }
        return Images.wrap(thumbnail);
    }
}
