package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.histoprune.image.FloatMap;
import org.histoprune.image.RgbImage;
import org.histoprune.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NucleiModelTest {
    private static final UNetConfig TINY = new UNetConfig(4, 2);
    private static final UNetConfig LEGACY_HEAD = new UNetConfig(4, 2, List.of(), UNetConfig.PLAIN,
            UNetConfig.LEGACY_HEAD_KERNEL);

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
    void fileWithoutAHeadKernelLoadsWithTheOneByOneHeadItWasWrittenWith() throws Exception {
        RgbImage image = blobs(64, 64, 5);
        Path written = dir.resolve("written.hpm");
        Prediction before = saveLegacyHeadModel(written, image);
        Path old = dir.resolve("old.hpm");
        rewriteHeader(written, old, header -> {
            assertTrue(header.contains("\"headKernel\" : 1"), header);
            return header.replaceAll(",\\s*\"headKernel\" : 1", "");
        });
        try (NucleiModel loaded = NucleiModel.load(old)) {
            assertEquals(LEGACY_HEAD, loaded.config());
            List<PrunableTensor> tensors = loaded.weights().tensors(Branch.REGRESSION);
            assertEquals(1, tensors.get(tensors.size() - 1).kernel());
            Prediction after = loaded.predict(image, TilingOptions.defaults());
            assertArrayEquals(before.foreground().values(), after.foreground().values());
            assertArrayEquals(before.distance().values(), after.distance().values());
        }
    }

    @Test
    void aOneByOneHeadFileStartsAThreeByThreeHeadModelThatComputesTheSameFunction() throws Exception {
        RgbImage image = blobs(64, 64, 6);
        Path donor = dir.resolve("donor.hpm");
        Prediction before = saveLegacyHeadModel(donor, image);
        try (NucleiModel fresh = NucleiModel.create(TINY, 8)) {
            Prediction random = fresh.predict(image, TilingOptions.defaults());
            fresh.loadInitialWeights(donor);
            Prediction after = fresh.predict(image, TilingOptions.defaults());
            assertEquals(UNetConfig.PAPER_HEAD_KERNEL, fresh.config().headKernel());
            assertArrayEquals(before.foreground().values(), after.foreground().values(), 1e-5f);
            assertArrayEquals(before.distance().values(), after.distance().values(), 1e-5f);
            assertFalse(java.util.Arrays.equals(random.foreground().values(), after.foreground().values()));
        }
        try (NucleiModel wider = NucleiModel.create(new UNetConfig(8, 2), 8)) {
            InvalidInputException wrong = assertThrows(InvalidInputException.class,
                    () -> wider.loadInitialWeights(donor));
            assertTrue(wrong.getMessage().contains("same architecture"), wrong.getMessage());
        }
    }

    /** Saves a fresh 1x1-head model to {@code file} and returns its prediction of {@code image}. */
    private static Prediction saveLegacyHeadModel(Path file, RgbImage image) throws IOException {
        try (NucleiModel model = NucleiModel.create(LEGACY_HEAD, 7)) {
            Prediction prediction = model.predict(image, TilingOptions.defaults());
            model.save(file);
            return prediction;
        }
    }

    /** Copies a model file with its {@code model.json} changed by {@code edit}. */
    private static void rewriteHeader(Path from, Path to, UnaryOperator<String> edit) throws IOException {
        ModelFileBoundsTest.rewrite(from, to, "model.json", bytes -> {
            String header = edit.apply(new String(bytes, StandardCharsets.UTF_8));
            assertFalse(header.contains("headKernel"), header);
            return header.getBytes(StandardCharsets.UTF_8);
        });
    }

    @Test
    void halfPrecisionFileIsSmallerAndPredictsAlmostTheSame() throws Exception {
        RgbImage image = blobs(64, 64, 4);
        Path full = dir.resolve("full.hpm");
        Path half = dir.resolve("half.hpm");
        Prediction before;
        try (NucleiModel model = NucleiModel.create(TINY, 9)) {
            before = model.predict(image, TilingOptions.defaults());
            model.save(full);
            model.save(half, Precision.FLOAT16);
        }
        assertTrue(Files.size(half) < 0.6 * Files.size(full), Files.size(half) + " vs " + Files.size(full));
        try (NucleiModel loaded = NucleiModel.load(half)) {
            Prediction after = loaded.predict(image, TilingOptions.defaults());
            for (int i = 0; i < before.foreground().values().length; i++) {
                assertEquals(before.foreground().values()[i], after.foreground().values()[i], 2e-3);
                assertEquals(before.distance().values()[i], after.distance().values()[i], 2e-2);
            }
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
        RgbImage image = blobs(256, 192, 3);
        try (NucleiModel model = NucleiModel.create(TINY, 5)) {
            Prediction whole = model.predict(image, TilingOptions.defaults().withTile(256));
            Prediction blended = model.predict(image, new TilingOptions(96, 32, 2, 2));
            Prediction abutting = model.predict(image, new TilingOptions(96, 0, 1, 1));
            double blendedError = meanInteriorDifference(whole.foreground(), blended.foreground());
            double abuttingError = meanInteriorDifference(whole.foreground(), abutting.foreground());
            double range = range(whole.foreground());
            assertTrue(range > 1e-4, "the network output varies over the image");
            assertTrue(blendedError < 0.05 * range, "mean |tiled - whole| " + blendedError + ", range " + range);
            // seams of abutting tiles are what blending removes
            assertTrue(blendedError < 0.7 * abuttingError, "blended " + blendedError + " vs abutting " + abuttingError);
        }
    }

    private static double meanInteriorDifference(FloatMap a, FloatMap b) {
        double sum = 0;
        int count = 0;
        for (int y = 16; y < a.height() - 16; y++) {
            for (int x = 16; x < a.width() - 16; x++) {
                sum += Math.abs(a.get(x, y) - b.get(x, y));
                count++;
            }
        }
        return sum / count;
    }

    @Test
    void tilePositionsCoverTheImageAndRampsNeverVanish() {
        assertArrayEquals(new int[] {0}, TiledPredictor.positions(50, 64, 16));
        assertArrayEquals(new int[] {0, 48, 96, 136}, TiledPredictor.positions(200, 64, 16));
        // 1000 px in three 384-px tiles instead of three 512-px ones
        assertEquals(384, TiledPredictor.tileSize(1000, 512, 64, 16));
        assertArrayEquals(new int[] {0, 320, 616}, TiledPredictor.positions(1000, 384, 64));
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
}
