package org.histoprune.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.SlideReader;

/**
 * An in-memory pyramid whose pixels are computed: pink stroma with purple round nuclei on a jittered grid,
 * so tests know every pixel and every nucleus. Each level halves the previous one.
 */
public final class SyntheticSlide implements SlideReader {
    static final int SPACING = 24;
    static final int RADIUS = 7;
    static final int STROMA = 0xEBB9CF;
    static final int NUCLEUS = 0x5B3A8C;

    private final Path path;
    private final List<Level> levels = new ArrayList<>();
    private final double micronsPerPixel;
    private final long delayMillis;
    final AtomicInteger reads = new AtomicInteger();

    public SyntheticSlide(Path path, int width, int height, double micronsPerPixel, long delayMillis) {
        this.path = path;
        this.micronsPerPixel = micronsPerPixel;
        this.delayMillis = delayMillis;
        for (int downsample = 1; width / downsample >= 64 || downsample == 1; downsample *= 2) {
            levels.add(new Level(Math.max(1, width / downsample), Math.max(1, height / downsample), downsample));
        }
    }

    /** Id of the nucleus covering a level-0 pixel, or 0. */
    public static int nucleusAt(int x, int y) {
        int column = Math.floorDiv(x, SPACING);
        int row = Math.floorDiv(y, SPACING);
        int centreX = column * SPACING + SPACING / 2 + jitter(column, row, 1);
        int centreY = row * SPACING + SPACING / 2 + jitter(column, row, 2);
        int dx = x - centreX;
        int dy = y - centreY;
        return dx * dx + dy * dy <= RADIUS * RADIUS ? 1 + column + row * 10_000 : 0;
    }

    /** The centre (pixel centre, level 0) of the nucleus in one grid cell. */
    public static double[] centreOf(int column, int row) {
        return new double[] {column * SPACING + SPACING / 2 + jitter(column, row, 1) + 0.5,
            row * SPACING + SPACING / 2 + jitter(column, row, 2) + 0.5};
    }

    static int colourAt(int x, int y) {
        return nucleusAt(x, y) != 0 ? NUCLEUS : STROMA;
    }

    /** The nuclei of a level-0 rectangle as a label image (ids as {@link #nucleusAt}). */
    public static LabelImage labels(int x0, int y0, int width, int height) {
        LabelImage labels = new LabelImage(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                labels.labels()[y * width + x] = nucleusAt(x0 + x, y0 + y);
            }
        }
        return labels;
    }

    private static int jitter(int column, int row, int salt) {
        int hash = (column * 73_856_093) ^ (row * 19_349_663) ^ (salt * 83_492_791);
        return Math.floorMod(hash, 7) - 3;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public List<Level> levels() {
        return levels;
    }

    @Override
    public OptionalDouble micronsPerPixel() {
        return micronsPerPixel > 0 ? OptionalDouble.of(micronsPerPixel) : OptionalDouble.empty();
    }

    @Override
    public RgbImage readRegion(int level, int x, int y, int width, int height) throws IOException {
        reads.incrementAndGet();
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        Level info = levels.get(level);
        int downsample = (int) info.downsample();
        RgbImage region = new RgbImage(width, height);
        for (int j = 0; j < height; j++) {
            for (int i = 0; i < width; i++) {
                boolean inside = x + i < info.width() && y + j < info.height();
                region.rgb()[j * width + i] = inside ? colourAt((x + i) * downsample, (y + j) * downsample) : 0xFFFFFF;
            }
        }
        return region;
    }

    @Override
    public void close() {
    }
}
