package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.histoprune.image.RgbImage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every reader keeps, checked on generated files of each flavour with computed pixels. */
class SlideReaderContractTest {
    @TempDir
    static Path dir;
    static List<SlideFixtures.Flavour> flavours;
    static final SlideReaderRegistry registry = SlideReaderRegistry.withInstalledReaders();
    static final OpenSlideReaderProvider openSlide = new OpenSlideReaderProvider();

    @BeforeAll
    static void generate() throws IOException {
        flavours = SlideFixtures.all(dir);
    }

    static List<SlideFixtures.Flavour> flavours() throws IOException {
        return flavours;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void opensWithTheExpectedReaderSizeLevelsAndPixelSize(SlideFixtures.Flavour flavour) throws IOException {
        try (SlideReader reader = open(flavour)) {
            assertEquals(flavour.reader(), reader.getClass().getSimpleName());
            assertEquals(flavour.file(), reader.path());
            assertEquals(flavour.width(), reader.width());
            assertEquals(flavour.height(), reader.height());
            assertEquals(flavour.levels(), reader.levels().size(), "levels " + reader.levels());
            assertEquals(1.0, reader.levels().get(0).downsample());
            for (int i = 1; i < reader.levels().size(); i++) {
                SlideReader.Level level = reader.levels().get(i);
                assertEquals(1 << i, level.downsample(), 0.02 * (1 << i), "downsample of level " + i);
                assertEquals(Math.ceil(flavour.width() / Math.pow(2, i)), level.width(), 1.0);
            }
            assertEquals(flavour.micronsPerPixel().isPresent(), reader.micronsPerPixel().isPresent());
            if (flavour.micronsPerPixel().isPresent()) {
                assertEquals(flavour.micronsPerPixel().getAsDouble(), reader.micronsPerPixel().getAsDouble(), 1e-4);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void fullResolutionRegionsHoldTheGeneratedPixels(SlideFixtures.Flavour flavour) throws IOException {
        try (SlideReader reader = open(flavour)) {
            int w = flavour.width();
            int h = flavour.height();
            check(flavour, reader.readRegion(0, 0, 0, w, h), 0, 0, 1);
            check(flavour, reader.readRegion(0, 37, 29, w / 2, h / 2), 37, 29, 1);
            check(flavour, reader.readRegion(0, w - 60, h - 50, 30, 20), w - 60, h - 50, 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void reducedLevelsHoldBlockMeans(SlideFixtures.Flavour flavour) throws IOException {
        try (SlideReader reader = open(flavour)) {
            for (int i = 1; i < reader.levels().size(); i++) {
                SlideReader.Level level = reader.levels().get(i);
                check(flavour, reader.readRegion(i, 0, 0, level.width(), level.height()), 0, 0, 1 << i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void partsOutsideTheImageAreWhite(SlideFixtures.Flavour flavour) throws IOException {
        try (SlideReader reader = open(flavour)) {
            RgbImage region = reader.readRegion(0, flavour.width() - 10, -5, 20, 10);
            assertEquals(0xFFFFFF, region.get(15, 7), "right of the image");
            assertEquals(0xFFFFFF, region.get(2, 2), "above the image");
            RgbImage beyond = reader.readRegion(0, flavour.width() + 100, flavour.height() + 100, 8, 8);
            for (int pixel : beyond.rgb()) {
                assertEquals(0xFFFFFF, pixel);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void concurrentReadsAgreeWithSequentialOnes(SlideFixtures.Flavour flavour) throws Exception {
        int[][] rectangles = {{0, 0, 100, 90}, {50, 40, 120, 100}, {90, 80, 64, 64}, {10, 100, 200, 60}};
        try (SlideReader sequential = open(flavour);
                SlideReader shared = open(flavour)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<RgbImage>> results = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (int[] r : rectangles) {
                        results.add(pool.submit(() -> shared.readRegion(0, r[0], r[1], r[2], r[3])));
                    }
                }
                for (int i = 0; i < results.size(); i++) {
                    int[] r = rectangles[i % rectangles.length];
                    assertArrayEquals(sequential.readRegion(0, r[0], r[1], r[2], r[3]).rgb(), results.get(i).get().rgb());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The installed readers, or OpenSlide alone for its flavours (skipped when libopenslide0 is missing). */
    private static SlideReader open(SlideFixtures.Flavour flavour) throws IOException {
        if (!flavour.reader().equals("OpenSlideReader")) {
            return registry.open(flavour.file());
        }
        Assumptions.assumeTrue(openSlide.available(), "libopenslide0 not installed: " + flavour + " skipped");
        return openSlide.open(flavour.file());
    }

    /** Compares a region at (x, y) of the level with downsample d to the expected block means. */
    private static void check(SlideFixtures.Flavour flavour, RgbImage region, int x, int y, int d) {
        int levelWidth = (flavour.width() + d - 1) / d;
        int levelHeight = (flavour.height() + d - 1) / d;
        long error = 0;
        int worst = 0;
        int count = 0;
        for (int j = 0; j < region.height() && y + j < levelHeight; j++) {
            for (int i = 0; i < region.width() && x + i < levelWidth; i++) {
                int expected = d == 1 ? flavour.expected().applyAsInt(x + i, y + j)
                        : SlideFixtures.blockMean(flavour.expected(), x + i, y + j, d, flavour.width(), flavour.height());
                int actual = region.get(i, j);
                int e = Math.abs(RgbImage.red(expected) - RgbImage.red(actual))
                        + Math.abs(RgbImage.green(expected) - RgbImage.green(actual))
                        + Math.abs(RgbImage.blue(expected) - RgbImage.blue(actual));
                error += e;
                worst = Math.max(worst, e);
                count++;
            }
        }
        double mean = error / (3.0 * count);
        if (flavour.lossless() && d == 1) {
            assertEquals(0, worst, flavour + ": lossless pixels must match exactly");
        } else {
            double limit = flavour.lossless() ? 1.0 : 3.0;
            assertTrue(mean <= limit, flavour + " at downsample " + d + ": mean error " + mean + " > " + limit);
        }
    }
}
