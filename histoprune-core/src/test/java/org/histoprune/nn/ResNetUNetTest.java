package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ResNet-34 encoder variant at base 2 (stage widths 2, 8, 8, 16, 32, 64). */
class ResNetUNetTest {
    private static final UNetConfig TINY = new UNetConfig(2, 4).withEncoder(UNetConfig.RESNET34);
    private static final TilingOptions TILES = TilingOptions.defaults().withTile(64).withOverlap(16);

    @TempDir
    Path dir;

    @Test
    void hasResNet34sLayersAndCountsItsCompute() {
        assertEquals(5, TINY.depth());
        assertEquals(32, TINY.sizeMultiple());
        try (NucleiModel model = NucleiModel.create(TINY, 1)) {
            List<PrunableTensor> tensors = model.weights().tensors(Branch.SEGMENTATION);
            // enc0 (2) + stem (1) + 16 basic blocks x 2 + 3 projection shortcuts + 5 x (up + 2 dec) + head
            assertEquals(2 + 1 + 32 + 3 + 15 + 1, tensors.size());
            PrunableTensor stem = tensors.get(2);
            assertEquals("enc1", stem.layer());
            assertEquals(List.of(8, 3, 7), List.of(stem.outChannels(), stem.inChannels(), stem.kernel()));
            PrunableTensor shortcut = tensors.stream().filter(t -> t.layer().equals("enc5.0.down")).findFirst()
                    .orElseThrow();
            assertEquals(List.of(64, 32, 1, 5), List.of(shortcut.outChannels(), shortcut.inChannels(),
                    shortcut.kernel(), shortcut.level()));
            double macs = tensors.stream().mapToDouble(PrunableTensor::macsPerPixel).sum();
            assertEquals(TINY.macsPerPixel(), macs, 1e-6 * macs, "config and layers count the same compute");
        }
    }

    @Test
    void savedAndLoadedModelPredictsIdentically() throws Exception {
        RgbImage image = NucleiModelTest.blobs(96, 80, 2);
        Path file = dir.resolve("resnet.hpm");
        Prediction before;
        try (NucleiModel model = NucleiModel.create(TINY, 5)) {
            before = model.predict(image, TILES);
            model.save(file);
        }
        try (NucleiModel loaded = NucleiModel.load(file)) {
            assertEquals(TINY, loaded.config());
            Prediction after = loaded.predict(image, TILES);
            assertArrayEquals(before.foreground().values(), after.foreground().values());
            assertArrayEquals(before.distance().values(), after.distance().values());
        }
    }

    @Test
    void filesWithoutAnEncoderFieldLoadAsPlain() throws Exception {
        // the bundled model was saved before the encoder field existed
        try (NucleiModel bundled = NucleiModel.loadBundled().orElseThrow()) {
            assertEquals(UNetConfig.PLAIN, bundled.config().encoder());
        }
    }

    @Test
    void trainsAFewStepsWithFallingLoss() throws Exception {
        List<TrainingSample> samples = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            samples.add(discs(96, i));
        }
        TrainingConfig config = TrainingConfig.defaults(dir.resolve("data"), dir.resolve("r.hpm")).withUnet(TINY)
                .withBudget(1, 12, 0).withCrop(64).withValidationFraction(0).withAugment(false)
                .withLearningRate(3e-3).withSeed(4);
        List<Double> losses = new ArrayList<>();
        new NucleiTrainer().addListener(new TrainingListener() {
            @Override
            public void onStep(Step step) {
                losses.add(step.segmentationLoss() + step.regressionLoss());
            }
        }).run(config, samples);
        double first = losses.subList(0, 3).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(9, 12).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < first, "loss " + first + " -> " + last);
        try (NucleiModel trained = NucleiModel.load(config.out())) {
            assertEquals(TINY, trained.config());
        }
    }

    @Test
    void encoderWeightsComeFromAResNetFileOfTheSameBase() throws Exception {
        Path donor = dir.resolve("donor.hpm");
        try (NucleiModel model = NucleiModel.create(TINY, 8)) {
            model.save(donor);
        }
        try (NucleiModel donorModel = NucleiModel.load(donor); NucleiModel fresh = NucleiModel.create(TINY, 9)) {
            PrunableTensor stem = fresh.weights().tensors(Branch.REGRESSION).get(2);
            PrunableTensor head = fresh.weights().tensors(Branch.REGRESSION).get(53);
            float[] headBefore = fresh.weights().read(head);
            fresh.loadEncoderWeights(donor);
            assertArrayEquals(donorModel.weights().read(donorModel.weights().tensors(Branch.SEGMENTATION).get(2)),
                    fresh.weights().read(stem), "both branches take the donor's segmentation encoder");
            assertArrayEquals(headBefore, fresh.weights().read(head), "decoders keep their weights");
            assertFalse(java.util.Arrays.equals(headBefore,
                    donorModel.weights().read(donorModel.weights().tensors(Branch.REGRESSION).get(53))));
        }
        Path plain = dir.resolve("plain.hpm");
        try (NucleiModel model = NucleiModel.create(new UNetConfig(2, 2), 1)) {
            model.save(plain);
        }
        try (NucleiModel fresh = NucleiModel.create(TINY, 9)) {
            InvalidInputException wrong = assertThrows(InvalidInputException.class, () -> fresh.loadEncoderWeights(plain));
            assertTrue(wrong.getMessage().contains("resnet34 model of base 2"), wrong.getMessage());
            assertThrows(InvalidInputException.class, () -> fresh.loadEncoderWeights(dir.resolve("missing.hpm")));
        }
    }

    /** Dark discs on pink, labelled. */
    private static TrainingSample discs(int size, long seed) {
        Random random = new Random(seed);
        RgbImage image = new RgbImage(size, size);
        LabelImage labels = new LabelImage(size, size);
        java.util.Arrays.fill(image.rgb(), RgbImage.pack(230, 180, 210));
        for (int n = 1; n <= 20; n++) {
            int cx = random.nextInt(size);
            int cy = random.nextInt(size);
            int r = 4 + random.nextInt(4);
            for (int y = Math.max(0, cy - r); y < Math.min(size, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x < Math.min(size, cx + r); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r) {
                        image.rgb()[y * size + x] = RgbImage.pack(90, 50, 150);
                        labels.labels()[y * size + x] = n;
                    }
                }
            }
        }
        return TrainingSample.of("discs" + seed, image, labels);
    }
}
