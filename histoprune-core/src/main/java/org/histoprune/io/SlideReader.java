package org.histoprune.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.histoprune.image.RgbImage;

/**
 * A (possibly pyramidal, possibly huge) histology image, read region by region so that a whole slide
 * never sits in memory. Level 0 is full resolution; coordinates of {@link #readRegion} are in that
 * level's own pixels.
 */
public interface SlideReader extends AutoCloseable {
    /** One resolution of the pyramid. */
    record Level(int width, int height, double downsample) {
        public Level {
            if (width <= 0 || height <= 0 || !(downsample >= 1.0)) {
                throw new IllegalArgumentException("bad level " + width + "x" + height + " @" + downsample);
            }
        }
    }

    Path path();

    /** Levels from full resolution (index 0, downsample 1) to the coarsest. */
    List<Level> levels();

    default int width() {
        return levels().get(0).width();
    }

    default int height() {
        return levels().get(0).height();
    }

    /** Microns per pixel at level 0, when the file says. */
    OptionalDouble micronsPerPixel();

    /**
     * What the file says about how it is stored, for people: {@code format}, {@code vendor}, {@code tile}
     * (size of the stored tiles or strips) and {@code compression} where the reader knows them.
     */
    default Map<String, String> properties() {
        return Map.of();
    }

    /** RGB pixels of a rectangle of one level; parts outside the level are white. */
    RgbImage readRegion(int level, int x, int y, int width, int height) throws IOException;

    @Override
    void close() throws IOException;
}
