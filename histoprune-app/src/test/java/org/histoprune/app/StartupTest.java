package org.histoprune.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTest {
    @TempDir
    Path dir;

    @Test
    void picksTheLargestSampleSlideButNeverALabelImage() throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("labels"));
        Files.write(dir.resolve("images/tile.png"), new byte[100]);
        Files.write(dir.resolve("labels/tile.png"), new byte[5000]);
        Files.write(dir.resolve("README.md"), new byte[9000]);
        assertEquals(dir.resolve("images/tile.png"), Startup.largestSlideIn(dir).orElseThrow());
        Files.write(dir.resolve("slide.tif"), new byte[1000]);
        assertEquals(dir.resolve("slide.tif"), Startup.largestSlideIn(dir).orElseThrow());
        assertTrue(Startup.largestSlideIn(dir.resolve("missing")).isEmpty());
    }

    @Test
    void theCommandLineNamesTheFirstSlide() {
        Startup startup = Startup.defaults(List.of("x/y.svs"), path -> {
            throw new AssertionError("not opened here");
        });
        assertEquals(Path.of("x/y.svs"), startup.initialSlide().orElseThrow());
    }
}
