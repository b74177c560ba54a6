package org.histoprune.app.files;

import java.io.IOException;
import java.nio.file.Path;
import org.histoprune.io.SlideReader;

/** Opens a slide file; the app's default is the slide reader registry, tests pass in-memory slides. */
@FunctionalInterface
public interface SlideOpener {
    SlideReader open(Path path) throws IOException;
}
