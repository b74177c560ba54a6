package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlideReaderRegistryTest {
    @TempDir
    Path dir;

    @Test
    void installedReadersComeFromServiceFiles() {
        List<String> names = SlideReaderRegistry.withInstalledReaders().providers().stream()
                .map(SlideReaderProvider::name).toList();
        assertEquals(List.of("TIFF", "ImageIO (PNG, JPEG, BMP)", "OpenSlide"), names);
    }

    /** A provider that scores a fixed value and records when it is tried. */
    private record Fake(String name, double score, boolean fails, List<String> tried) implements SlideReaderProvider {
        @Override
        public double supportScore(FileProbe probe) {
            return score;
        }

        @Override
        public SlideReader open(Path file) throws IOException {
            tried.add(name);
            if (fails) {
                throw new IOException(name + " failed");
            }
            return new TiffSlideReaderProvider().open(file);
        }
    }

    @Test
    void providersAreTriedBestFirstAndTheFirstThatOpensWins() throws IOException {
        Path file = dir.resolve("a.tif");
        new TiledTiffWriter(TiledTiffWriter.Options.defaults().withTileSize(32).withPyramid(false))
                .write(SlideFixtures.source(SlideFixtures::sharp), 40, 30, file);
        List<String> tried = new ArrayList<>();
        var registry = new SlideReaderRegistry(List.of(new Fake("low", 0.2, false, tried),
                new Fake("never", 0, false, tried), new Fake("best", 0.9, true, tried), new Fake("middle", 0.5, false, tried)));
        assertEquals(List.of("best", "middle", "low"), registry.rank(FileProbe.of(file)).stream()
                .map(SlideReaderProvider::name).toList());
        try (SlideReader reader = registry.open(file)) {
            assertEquals(40, reader.width());
        }
        assertEquals(List.of("best", "middle"), tried);
    }

    @Test
    void whenAllFailTheBestProvidersReasonIsGivenWithTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("b.tif"), "II*\0garbage");
        List<String> tried = new ArrayList<>();
        var registry = new SlideReaderRegistry(List.of(new Fake("second", 0.4, true, tried),
                new Fake("first", 0.8, true, tried)));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.open(file));
        assertEquals(file + ": first reader cannot open it (first failed)", error.getMessage());
        assertEquals(List.of("first", "second"), tried);
    }

    @Test
    void monusegImagesOpenAsSingleLevelSlidesWithTheirPixels() throws IOException {
        Path images = Path.of("../shared/data/monuseg/test/images");
        Assumptions.assumeTrue(Files.isDirectory(images), "MoNuSeg not found at " + images.toAbsolutePath() + ": skipped");
        var registry = SlideReaderRegistry.withInstalledReaders();
        List<Path> files;
        try (var list = Files.list(images)) {
            files = list.filter(p -> p.toString().endsWith(".tif")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "MoNuSeg test split has 14 images, found " + files.size());
        for (Path file : files) {
            try (SlideReader reader = registry.open(file)) {
                assertEquals(1, reader.levels().size(), file.toString());
                assertEquals(1000, reader.width(), file.toString());
                assertEquals(1000, reader.height(), file.toString());
                // The same pixels as a whole-image read through ImageIO.
                var whole = RasterFiles.readRgb(file);
                int[] region = reader.readRegion(0, 250, 300, 400, 500).rgb();
                for (int y = 0; y < 500; y += 7) {
                    for (int x = 0; x < 400; x += 5) {
                        assertEquals(whole.get(250 + x, 300 + y), region[y * 400 + x], file + " at " + x + "," + y);
                    }
                }
            }
        }
    }
}
