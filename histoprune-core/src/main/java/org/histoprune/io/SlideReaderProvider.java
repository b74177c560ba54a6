package org.histoprune.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A kind of {@link SlideReader}, found through {@code META-INF/services} and ranked per file, as QuPath's
 * ImageServerBuilder. Implementations need a public no-argument constructor.
 */
public interface SlideReaderProvider {
    /** A short name for messages, e.g. "TIFF". */
    String name();

    /**
     * How well this provider reads the file: 0 for not at all, up to 1 for a format it knows best. Must be
     * cheap and must not throw for any content.
     */
    double supportScore(FileProbe probe);

    /** Opens the file; bad content is reported as an {@link InvalidInputException} naming the file. */
    SlideReader open(Path file) throws IOException;
}
