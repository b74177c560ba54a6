package org.histoprune.io;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/** What every slide reader knows once opened (file, levels, pixel size), and the check of a region request. */
abstract class AbstractSlideReader implements SlideReader {
    /** Largest region one call may ask for (128 MB of pixels): larger requests are a programming error. */
    static final long MAX_REGION_PIXELS = 1L << 25;

    private final Path path;
    private final List<Level> levels;
    private final OptionalDouble micronsPerPixel;

    AbstractSlideReader(Path path, List<Level> levels, OptionalDouble micronsPerPixel) {
        this.path = path;
        this.levels = List.copyOf(levels);
        this.micronsPerPixel = micronsPerPixel;
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
        return micronsPerPixel;
    }

    /** Refuses a level that does not exist and a region that is empty or too large to hold in memory. */
    void checkRegion(int level, int width, int height) {
        if (level < 0 || level >= levels.size()) {
            throw new IllegalArgumentException("level " + level + " of " + levels.size());
        }
        if (width <= 0 || height <= 0 || (long) width * height > MAX_REGION_PIXELS) {
            throw new IllegalArgumentException("region of " + width + "x" + height + " px: must be positive and at most "
                    + MAX_REGION_PIXELS + " px");
        }
    }
}
