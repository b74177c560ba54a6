package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.histoprune.image.FloatMap;
import org.histoprune.image.RgbImage;
import org.histoprune.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NucleiModelTest {
    private static final UNetConfig TINY = new UNetConfig(4, 2);

    @TempDir
    Path dir;

    /** Blobs on a textured background, so that the network output varies across the image. */
    static RgbImage blobs(int width, int height, long seed) {
        Random random = new Random(seed);
        RgbImage image = new RgbImage(width, height);
        for (int i = 0; i < image.rgb().length; i++) {
            int v = 200 + random.nextInt(30);
            image.rgb()[i] = RgbImage.pack(v, v - 30, v);
        }
        for (int n = 0; n < width * height / 400; n++) {
            int cx = random.nextInt(width);
            int cy = random.nextInt(height);
            int r = 3 + random.nextInt(5);
            for (int y = Math.max(0, cy - r); y < Math.min(height, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x < Math.min(width, cx + r); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r) {
                        image.rgb()[y * width + x] = RgbImage.pack(80, 40, 140);
                    }
                }
            }
        }
        return image;
    }

    @Test
    void savedAndLoadedModelPredictsIdentically() throws Exception {
        RgbImage image = blobs(96, 80, 1);
        Path file = dir.resolve("m.hpm");
        Provenance provenance = new Provenance("data", "cmd", 3, 300, 12.5, Map.of("val_score", 0.5), "now");
        Prediction before;
        try (NucleiModel model = NucleiModel.create(TINY, 7)) {
            model.setProvenance(provenance);
            before = model.predict(image, TilingOptions.defaults().withTile(64).withOverlap(16));
            model.save(file);
        }
        try (NucleiModel loaded = NucleiModel.load(file)) {
            assertEquals(TINY, loaded.config());
            assertEquals(provenance, loaded.provenance());
            Prediction after = loaded.predict(image, TilingOptions.defaults().withTile(64).withOverlap(16));
            assertArrayEquals(before.foreground().values(), after.foreground().values());
            assertArrayEquals(before.distance().values(), after.distance().values());
        }
    }

    @Test
    void sameSeedGivesSameWeightsAndProbabilitiesAreInRange() {
        RgbImage image = blobs(64, 64, 2);
        try (NucleiModel a = NucleiModel.create(TINY, 3); NucleiModel b = NucleiModel.create(TINY, 3)) {
            Prediction pa = a.predict(image, TilingOptions.defaults());
            Prediction pb = b.predict(image, TilingOptions.defaults());
            assertArrayEquals(pa.foreground().values(), pb.foreground().values());
            for (float p : pa.foreground().values()) {
                assertTrue(p >= 0 && p <= 1, "probability " + p);
            }
            assertTrue(a.parameterCount(Branch.SEGMENTATION) > 1000);
        }
    }

    @Test
    void tiledPredictionMatchesWholeImageAwayFromBordersWithoutSeams() {
        RgbImage image = blobs(200, 152, 3);
        try (NucleiModel model = NucleiModel.create(TINY, 5)) {
            Prediction whole = model.predict(image, TilingOptions.defaults().withTile(256));
            Prediction tiled = model.predict(image, new TilingOptions(64, 24, 2, 2));
            double meanDiff = 0;
            int count = 0;
            for (int y = 16; y < 152 - 16; y++) {
                for (int x = 16; x < 200 - 16; x++) {
                    meanDiff += Math.abs(whole.foreground().get(x, y) - tiled.foreground().get(x, y));
                    count++;
                }
            }
            meanDiff /= count;
            assertTrue(meanDiff < 0.01 * range(whole.foreground()), "mean |tiled - whole| = " + meanDiff);
            // no seam: the tiled map is no rougher across tile boundaries than the whole-image map
            assertTrue(roughness(tiled.foreground()) < 1.1 * roughness(whole.foreground()) + 1e-6,
                    "tiled " + roughness(tiled.foreground()) + " vs whole " + roughness(whole.foreground()));
        }
    }

    @Test
    void tilePositionsCoverTheImageAndRampsNeverVanish() {
        assertArrayEquals(new int[] {0}, TiledPredictor.positions(50, 64, 16));
        assertArrayEquals(new int[] {0, 48, 96, 136}, TiledPredictor.positions(200, 64, 16));
        float[] ramp = TiledPredictor.ramp(64, 16);
        assertTrue(ramp[0] > 0 && ramp[0] < 0.1f);
        assertEquals(1f, ramp[32]);
    }

    @Test
    void garbageModelFileIsBadInput() throws Exception {
        Path file = dir.resolve("bad.hpm");
        Files.writeString(file, "not a zip");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NucleiModel.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    private static double range(FloatMap map) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : map.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    /** Mean absolute difference between horizontal and vertical neighbours. */
    private static double roughness(FloatMap map) {
        double sum = 0;
        for (int y = 1; y < map.height(); y++) {
            for (int x = 1; x < map.width(); x++) {
                sum += Math.abs(map.get(x, y) - map.get(x - 1, y)) + Math.abs(map.get(x, y) - map.get(x, y - 1));
            }
        }
        return sum / (map.width() * map.height());
    }
}
