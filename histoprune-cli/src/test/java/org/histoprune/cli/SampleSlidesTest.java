package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.histoprune.data.HistologySettings;
import org.histoprune.data.SyntheticHistology;
import org.histoprune.data.SyntheticTile;
import org.histoprune.image.RgbImage;
import org.histoprune.io.RasterFiles;
import org.histoprune.io.SlideReader;
import org.histoprune.io.SlideReaderRegistry;
import org.junit.jupiter.api.Test;

/** The committed {@code sample-slides/} are what their README command makes. */
class SampleSlidesTest {
    private static final Path FOLDER = Path.of("sample-slides");

    @Test
    void tilesAndLabelsAreExactlyTheGeneratorsOutput() {
        for (long seed = 1; seed <= 4; seed++) {
            SyntheticTile expected = SyntheticHistology.tile(HistologySettings.defaults(), seed, 512, 512);
            String name = "synthetic-" + seed + ".png";
            assertArrayEquals(expected.image().rgb(), RasterFiles.readRgb(FOLDER.resolve("images").resolve(name)).rgb(),
                    name);
            assertArrayEquals(expected.labels().labels(),
                    RasterFiles.readLabels(FOLDER.resolve("labels").resolve(name)).labels(), name);
        }
    }

    @Test
    void theSlideIsAPyramidOfTheSeedOnePlaneWithinJpegError() throws IOException {
        Path file = FOLDER.resolve("synthetic-slide.tif");
        assertTrue(Files.size(file) < 17_000_000, "a few MB, got " + Files.size(file));
        SyntheticHistology generator = new SyntheticHistology(
                HistologySettings.defaults().withTissueFraction(0.15).withNoise(0), 1);
        try (SlideReader slide = SlideReaderRegistry.withInstalledReaders().open(file)) {
            assertEquals(20_000, slide.width());
            assertEquals(20_000, slide.height());
            assertTrue(slide.levels().size() >= 6, "levels: " + slide.levels());
            assertEquals(0.25, slide.micronsPerPixel().orElseThrow(), 1e-9);
            int checked = 0;
            int onTissue = 0;
            for (int y = 0; y < 20_000 - 256; y += 4_700) {
                for (int x = 0; x < 20_000 - 256; x += 4_700) {
                    RgbImage read = slide.readRegion(0, x, y, 256, 256);
                    RgbImage expected = generator.image(x, y, 256, 256);
                    assertTrue(meanAbsoluteDifference(read, expected) < 6, "region at " + x + "," + y);
                    checked++;
                    onTissue += meanGreen(expected) < 190 ? 1 : 0;
                }
            }
            assertEquals(25, checked);
            assertTrue(onTissue >= 2, "only " + onTissue + " of the compared regions hold tissue");
        }
    }

    private static double meanGreen(RgbImage image) {
        return java.util.Arrays.stream(image.rgb()).map(RgbImage::green).average().orElseThrow();
    }

    private static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
        long sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            int p = a.rgb()[i];
            int q = b.rgb()[i];
            sum += Math.abs(RgbImage.red(p) - RgbImage.red(q)) + Math.abs(RgbImage.green(p) - RgbImage.green(q))
                    + Math.abs(RgbImage.blue(p) - RgbImage.blue(q));
        }
        return sum / (3.0 * a.rgb().length);
    }
}
