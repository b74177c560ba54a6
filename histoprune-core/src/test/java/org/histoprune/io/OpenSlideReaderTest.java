package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.histoprune.image.RgbImage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSlideReaderTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheLibraryAnOpenSlideFormatSaysWhatToInstall() throws IOException {
        Path ndpi = Files.write(dir.resolve("scan.ndpi"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0});
        var registry = new SlideReaderRegistry(List.of(new TiffSlideReaderProvider(), new ImageIoSlideReaderProvider(),
                new OpenSlideReaderProvider(Optional::empty)));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.open(ndpi));
        assertEquals(ndpi + ": OpenSlide is needed for this format: apt-get install libopenslide0", error.getMessage());
        Path mrxs = Files.writeString(dir.resolve("scan.mrxs"), "[GENERAL]");
        assertTrue(assertThrows(InvalidInputException.class, () -> registry.open(mrxs)).getMessage()
                .contains("apt-get install libopenslide0"));
    }

    @Test
    void withoutTheLibraryOrdinaryTiffsStillOpen() throws IOException {
        Path file = dir.resolve("plain.tif");
        new TiledTiffWriter(TiledTiffWriter.Options.defaults().withTileSize(64))
                .write(SlideFixtures.source(SlideFixtures::smooth), 200, 150, file);
        var registry = new SlideReaderRegistry(List.of(new TiffSlideReaderProvider(),
                new OpenSlideReaderProvider(Optional::empty)));
        try (SlideReader reader = registry.open(file)) {
            assertEquals("TiffSlideReader", reader.getClass().getSimpleName());
        }
    }

    @Test
    void philipsTiffsGoToOpenSlideOtherTiffsOnlyAsAFallback() throws IOException {
        var provider = new OpenSlideReaderProvider(Optional::empty);
        Path philips = dir.resolve("philips.tiff");
        new TiledTiffWriter(TiledTiffWriter.Options.defaults().withTileSize(64).withDescription(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><DataObject ObjectType=\"DPUfsImport\"></DataObject>"))
                .write(SlideFixtures.source(SlideFixtures::smooth), 100, 80, philips);
        assertEquals(0.95, provider.supportScore(FileProbe.of(philips)));
        Path plain = dir.resolve("plain.tiff");
        new TiledTiffWriter(TiledTiffWriter.Options.defaults().withTileSize(64))
                .write(SlideFixtures.source(SlideFixtures::smooth), 100, 80, plain);
        assertEquals(0.5, provider.supportScore(FileProbe.of(plain)));
        assertTrue(provider.supportScore(FileProbe.of(plain)) < new TiffSlideReaderProvider().supportScore(
                FileProbe.of(plain)));
    }

    @Test
    void theBindingReadsAGenericTiledTiffWrittenByTiledTiffWriter() throws IOException {
        OpenSlideReaderProvider provider = new OpenSlideReaderProvider();
        Assumptions.assumeTrue(provider.available(), "libopenslide0 not installed: skipped");
        Path file = dir.resolve("generic.tif");
        new TiledTiffWriter(TiledTiffWriter.Options.defaults().withTileSize(128).withJpegQuality(0.9f))
                .write(SlideFixtures.source(SlideFixtures::smooth), 900, 700, file);

        assertTrue(provider.version().orElseThrow().startsWith("3.") || provider.version().get().startsWith("4."));
        assertEquals(0.5, provider.supportScore(FileProbe.of(file)), "generic TIFF: OpenSlide is the fallback");
        try (SlideReader reader = provider.open(file)) {
            List<SlideReader.Level> levels = reader.levels();
            assertEquals(4, levels.size(), "900x700 -> 450x350 -> 225x175 -> 113x88 (fits a 128 tile)");
            assertEquals(new SlideReader.Level(900, 700, 1), levels.get(0));
            assertEquals(new SlideReader.Level(450, 350, 2), levels.get(1));
            assertEquals(113, levels.get(3).width());
            RgbImage region = reader.readRegion(0, 100, 200, 300, 200);
            double error = 0;
            for (int y = 0; y < 200; y++) {
                for (int x = 0; x < 300; x++) {
                    int expected = SlideFixtures.smooth(100 + x, 200 + y);
                    int actual = region.get(x, y);
                    error += Math.abs(RgbImage.red(expected) - RgbImage.red(actual))
                            + Math.abs(RgbImage.green(expected) - RgbImage.green(actual))
                            + Math.abs(RgbImage.blue(expected) - RgbImage.blue(actual));
                }
            }
            assertTrue(error / (3 * 300 * 200) < 3, "mean error " + error / (3 * 300 * 200));
            RgbImage level1 = reader.readRegion(1, 50, 100, 10, 10);
            int expected = SlideFixtures.blockMean(SlideFixtures::smooth, 55, 105, 2, 900, 700);
            int actual = level1.get(5, 5);
            assertEquals(RgbImage.red(expected), RgbImage.red(actual), 4, "level 1 red");
            assertEquals(RgbImage.green(expected), RgbImage.green(actual), 4, "level 1 green");
            assertEquals(RgbImage.blue(expected), RgbImage.blue(actual), 4, "level 1 blue");
            RgbImage outside = reader.readRegion(0, 880, 690, 40, 20);
            assertEquals(0xFFFFFF, outside.get(39, 19), "outside the slide is white");
        }
    }

    @Test
    void anUnreadableFileIsAnInvalidInputFromOpenSlide() throws IOException {
        OpenSlideReaderProvider provider = new OpenSlideReaderProvider();
        Assumptions.assumeTrue(provider.available(), "libopenslide0 not installed: skipped");
        Path ndpi = Files.write(dir.resolve("broken.ndpi"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0});
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> provider.open(ndpi));
        assertTrue(error.getMessage().startsWith(ndpi + ": OpenSlide"), error.getMessage());
    }
}
