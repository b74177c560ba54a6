package org.histoprune.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.OptionalDouble;
import org.histoprune.image.RgbImage;
import org.histoprune.io.SlideReader;

/** An open slide as the viewer needs it: its tiles, a small thumbnail, and the painter with its display tiles. */
public record SlideImage(SlideTiles tiles, RgbImage thumbnail, SlidePainter painter) {
    public static final int THUMBNAIL_SIZE = 1024;

    public SlideImage(SlideTiles tiles, RgbImage thumbnail) {
        this(tiles, thumbnail, new SlidePainter(tiles, thumbnail));
    }

    public SlideReader reader() {
        return tiles.reader();
    }

    public int width() {
        return reader().width();
    }

    public int height() {
        return reader().height();
    }

    public OptionalDouble micronsPerPixel() {
        return reader().micronsPerPixel();
    }

    public String name() {
        return reader().path().getFileName().toString();
    }

    /** Each {@code step} x {@code step} block of a strip, averaged into one row of the thumbnail. */
    private static void averageBlocks(RgbImage strip, int step, RgbImage thumbnail, int firstRow) {
        int blocks = step * step;
        for (int by = 0; by < strip.height() / step; by++) {
            for (int bx = 0; bx < thumbnail.width(); bx++) {
                int red = 0;
                int green = 0;
                int blue = 0;
                for (int y = by * step; y < (by + 1) * step; y++) {
                    for (int x = bx * step; x < (bx + 1) * step; x++) {
                        int rgb = strip.get(x, y);
                        red += RgbImage.red(rgb);
                        green += RgbImage.green(rgb);
                        blue += RgbImage.blue(rgb);
                    }
                }
                thumbnail.rgb()[(firstRow + by) * thumbnail.width() + bx] =
                        RgbImage.pack(red / blocks, green / blocks, blue / blocks);
            }
        }
    }

    public BufferedImage thumbnailImage() {
        return Images.wrap(thumbnail);
    }

    /**
     * A thumbnail of at most {@code maxSide} pixels a side, read in strips from the coarsest level that still
     * has that many pixels.
     */
    public static RgbImage readThumbnail(SlideReader reader, int maxSide) throws IOException {
        List<SlideReader.Level> levels = reader.levels();
        int level = 0;
        while (level + 1 < levels.size()
                && Math.max(levels.get(level + 1).width(), levels.get(level + 1).height()) >= maxSide) {
            level++;
        }
        SlideReader.Level source = levels.get(level);
        int step = Math.max(1, (int) Math.ceil((double) Math.max(source.width(), source.height()) / maxSide));
        int width = Math.max(1, source.width() / step);
        int height = Math.max(1, source.height() / step);
        RgbImage thumbnail = new RgbImage(width, height);
        int stripRows = Math.max(step, (1 << 22) / source.width() / step * step);
        for (int y0 = 0; y0 < height * step; y0 += stripRows) {
            int rows = Math.min(stripRows, height * step - y0);
            averageBlocks(reader.readRegion(level, 0, y0, width * step, rows), step, thumbnail, y0 / step);
        }
        return thumbnail;
    }
}
