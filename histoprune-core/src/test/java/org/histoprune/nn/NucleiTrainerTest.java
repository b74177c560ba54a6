package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.histoprune.image.RgbImage;
import org.histoprune.io.Dataset;
import org.histoprune.io.DatasetLoaders;
import org.histoprune.prune.FilterPruner;
import org.histoprune.prune.PruneConfig;
import org.histoprune.prune.Strategy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real DJL training of tiny U-Nets (base 4, depth 2) on 64x64 crops of two MoNuSeg images. */
class NucleiTrainerTest {
    private static final Path MONUSEG = Path.of("../shared/data/monuseg/train");
    private static final UNetConfig TINY = new UNetConfig(4, 2);
    private static List<TrainingSample> samples;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTwoImages() {
        if (!Files.isDirectory(MONUSEG)) {
            return;
        }
        samples = new ArrayList<>();
        Dataset dataset = DatasetLoaders.monuseg(MONUSEG);
        for (int i = 0; i < 2; i++) {
            Dataset.Sample sample = dataset.load(i);
            samples.add(TrainingSample.of(sample.name(), sample.image(), sample.labels()));
        }
    }

    private TrainingConfig config(int steps) {
        Assumptions.assumeTrue(samples != null, "MoNuSeg not found at " + MONUSEG.toAbsolutePath() + ": skipped");
        return TrainingConfig.defaults(dir.resolve("data"), dir.resolve("model.hpm"))
                .withUnet(TINY).withBudget(1, steps, 0).withCrop(64).withSeed(11);
    }

    private static float[] weights(Path file) {
        return weights(file, Branch.SEGMENTATION);
    }

    @Test
    void trainsFiniteLossesChangesWeightsAndSavesProvenance() throws Exception {
        TrainingConfig config = config(3);
        List<TrainingListener.Step> steps = new ArrayList<>();
        List<TrainingListener.Epoch> epochs = new ArrayList<>();
        TrainingResult result = new NucleiTrainer().addListener(new TrainingListener() {
            @Override
            public void onStep(Step step) {
                steps.add(step);
            }

            @Override
            public void onEpoch(Epoch epoch) {
                epochs.add(epoch);
            }
        }).run(config, samples);
        assertEquals(TrainingResult.Stop.COMPLETED, result.stop());
        assertEquals(3, result.steps());
        assertEquals(List.of(1L, 2L, 3L), steps.stream().map(TrainingListener.Step::step).toList());
        steps.forEach(s -> assertTrue(Double.isFinite(s.segmentationLoss()) && Double.isFinite(s.regressionLoss())));
        assertTrue(steps.get(2).learningRate() < steps.get(0).learningRate(), "cosine schedule decreases");
        assertEquals(1, epochs.size());
        assertTrue(epochs.get(0).validation().containsKey("val_pixel_dice"));
        try (NucleiModel model = NucleiModel.load(config.out())) {
            assertEquals(3, model.provenance().steps());
            assertEquals(1, model.provenance().epochs());
        }
        try (NucleiModel fresh = NucleiModel.create(TINY, 11)) {
            Path untrained = dir.resolve("untrained.hpm");
            fresh.save(untrained);
            assertFalse(java.util.Arrays.equals(weights(untrained), weights(config.out())), "training changed weights");
        }
    }

    @Test
    void eachBranchIsKeptAtItsOwnBestHeldOutEpoch() throws Exception {
        TrainingConfig config = config(2).withBudget(6, 2, 0).withLearningRate(3e-3);
        List<TrainingListener.Epoch> epochs = new ArrayList<>();
        new NucleiTrainer().addListener(new TrainingListener() {
            @Override
            public void onEpoch(Epoch epoch) {
                epochs.add(epoch);
                try {
                    Files.copy(config.checkpoint(), dir.resolve("epoch-" + epoch.epoch() + ".hpm"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }).run(config, samples);

        int bestSegmentation = bestEpoch(epochs, "val_seg_loss");
        int bestRegression = bestEpoch(epochs, "val_reg_mse");
        Path segmentationEpoch = dir.resolve("epoch-" + bestSegmentation + ".hpm");
        Path regressionEpoch = dir.resolve("epoch-" + bestRegression + ".hpm");
        assertArrayEquals(weights(segmentationEpoch, Branch.SEGMENTATION), weights(config.out(), Branch.SEGMENTATION),
                "segmentation branch of epoch " + bestSegmentation);
        assertArrayEquals(weights(regressionEpoch, Branch.REGRESSION), weights(config.out(), Branch.REGRESSION),
                "regression branch of epoch " + bestRegression);
    }

    /** The first epoch with the lowest value of a held-out loss. */
    private static int bestEpoch(List<TrainingListener.Epoch> epochs, String loss) {
        TrainingListener.Epoch best = epochs.get(0);
        for (TrainingListener.Epoch epoch : epochs) {
            if (epoch.validation().get(loss) < best.validation().get(loss)) {
                best = epoch;
            }
        }
        return best.epoch();
    }

    private static float[] weights(Path file, Branch branch) {
        try (NucleiModel model = NucleiModel.load(file)) {
            return ParameterValues.of(model, branch, parameter -> true);
        }
    }

    @Test
    void lossFallsOverAFewMoreSteps() throws Exception {
        List<Double> losses = new ArrayList<>();
        new NucleiTrainer().addListener(new TrainingListener() {
            @Override
            public void onStep(Step step) {
                losses.add(step.segmentationLoss() + step.regressionLoss());
            }
        }).run(config(12).withLearningRate(3e-3).withAugment(false), samples);
        double first = losses.subList(0, 3).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(9, 12).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < first, "loss " + first + " -> " + last);
    }

    @Test
    void fineTuningAFilterPrunedModelKeepsItsWidths() throws Exception {
        TrainingConfig config = config(1);
        Path pruned = dir.resolve("pruned.hpm");
        List<Integer> widths;
        try (NucleiModel model = NucleiModel.create(TINY, 3); NucleiModel small = new FilterPruner(model,
                PruneConfig.filters(Strategy.L1_FILTER, 0.5, null)).step()) {
            small.save(pruned);
            widths = small.config().widths();
        }
        assertFalse(widths.isEmpty());
        new NucleiTrainer().withInitialWeights(pruned).run(config, samples);
        try (NucleiModel tuned = NucleiModel.load(config.out())) {
            assertEquals(widths, tuned.config().widths());
        }
    }

    @Test
    void resumeContinuesTheStepCountFromTheCheckpoint() throws Exception {
        TrainingConfig first = config(2);
        new NucleiTrainer().run(first, samples);
        List<Long> steps = new ArrayList<>();
        TrainingResult resumed = new NucleiTrainer().addListener(new TrainingListener() {
            @Override
            public void onStep(Step step) {
                steps.add(step.step());
            }
        }).run(first.withBudget(2, 2, 0).withResume(first.checkpoint()), samples);
        assertEquals(List.of(3L, 4L), steps);
        assertEquals(4, resumed.steps());
        assertEquals(2, resumed.epochs());
    }

    @Test
    void interruptedAndResumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
        TrainingConfig whole = config(3).withBudget(2, 3, 0).withValidationFraction(0);
        new NucleiTrainer().run(whole, samples);
        TrainingConfig parts = whole.withBudget(2, 3, 0);
        parts = new TrainingConfig(parts.data(), dir.resolve("parts.hpm"), parts.unet(), parts.epochs(),
                parts.stepsPerEpoch(), parts.minutes(), parts.batch(), parts.crop(), parts.learningRate(),
                parts.finalLearningRate(), parts.validationFraction(), parts.seed(), parts.augment(), null, "");
        NucleiTrainer interrupted = new NucleiTrainer();
        interrupted.addListener(new TrainingListener() {
            @Override
            public void onStep(Step step) {
                if (step.step() == 4) {
                    interrupted.cancel();
                }
            }
        });
        assertEquals(TrainingResult.Stop.CANCELLED, interrupted.run(parts, samples).stop());
        TrainingResult resumed = new NucleiTrainer().run(parts.withResume(parts.checkpoint()), samples);
        assertEquals(6, resumed.steps());
        float[] expected = weights(whole.checkpoint());
        float[] actual = weights(parts.checkpoint());
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6, "weight " + i);
        }
    }

    @Test
    void resumingACompletedScheduleSaysToGiveMoreEpochs() throws Exception {
        TrainingConfig done = config(2);
        new NucleiTrainer().run(done, samples);
        var error = org.junit.jupiter.api.Assertions.assertThrows(org.histoprune.io.InvalidInputException.class,
                () -> new NucleiTrainer().run(done.withResume(done.checkpoint()), samples));
        assertTrue(error.getMessage().contains("already complete") && error.getMessage().contains("--epochs"),
                error.getMessage());
    }

    @Test
    void cancellationStopsWithinAStepAndKeepsACheckpoint() throws Exception {
        TrainingConfig config = config(1000);
        NucleiTrainer trainer = new NucleiTrainer();
        trainer.addListener(new TrainingListener() {
            @Override
            public void onStep(Step step) {
                if (step.step() == 2) {
                    trainer.cancel();
                }
            }
        });
        TrainingResult result = trainer.run(config, samples);
        assertEquals(TrainingResult.Stop.CANCELLED, result.stop());
        assertEquals(2, result.steps());
        try (NucleiModel checkpoint = NucleiModel.load(config.checkpoint())) {
            assertEquals(2, checkpoint.provenance().steps());
        }
    }

    @Test
    void divergingLossStopsWithAClearMessage() throws Exception {
        // a learning rate of 1e30 blows the weights up within a few steps
        TrainingResult result = new NucleiTrainer().run(config(20).withLearningRate(1e30), samples);
        assertEquals(TrainingResult.Stop.DIVERGED, result.stop());
        assertTrue(result.message().contains("loss became") && result.message().contains("last good checkpoint"),
                result.message());
        assertTrue(result.steps() < 20);
    }

    @Test
    void augmentedCropsAreRepeatableAndTargetsStayInRange() {
        Assumptions.assumeTrue(samples != null, "MoNuSeg not found at " + MONUSEG.toAbsolutePath() + ": skipped");
        float[][] a = crop(5);
        float[][] b = crop(5);
        assertArrayEquals(a[0], b[0]);
        assertFalse(java.util.Arrays.equals(a[0], crop(6)[0]));
        for (float v : a[1]) {
            assertTrue(v >= 0 && v <= 1);
        }
        for (float v : a[0]) {
            assertTrue(v >= -1 && v <= 1);
        }
    }

    @Test
    void colourJitterKeepsImageSizeAndChangesColours() {
        RgbImage image = NucleiModelTest.blobs(32, 32, 1);
        RgbImage jittered = ColourJitter.apply(image, new java.util.Random(3));
        assertEquals(image.width(), jittered.width());
        assertFalse(java.util.Arrays.equals(image.rgb(), jittered.rgb()));
    }

    private static float[][] crop(long seed) {
        float[] image = new float[3 * 64 * 64];
        float[] foreground = new float[64 * 64];
        float[] distance = new float[64 * 64];
        CropSampler.sample(samples.get(0), new java.util.Random(seed), 64, true, image, 0, foreground, distance, 0);
        return new float[][] {image, foreground, distance};
    }
}
