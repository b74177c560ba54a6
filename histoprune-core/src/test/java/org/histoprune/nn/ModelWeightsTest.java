package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.histoprune.prune.TinyNuclei;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWeightsTest {
    private static final UNetConfig TINY = new UNetConfig(4, 2);

    @TempDir
    Path dir;

    @Test
    void listsEveryConvKernelOfBothBranchesWithShapes() {
        try (NucleiModel model = NucleiModel.create(TINY, 1)) {
            List<PrunableTensor> tensors = model.weights().tensors(Branch.SEGMENTATION);
            assertEquals(13, tensors.size());
            PrunableTensor first = tensors.get(0);
            assertEquals("enc0.a", first.layer());
            assertEquals(4 * 3 * 9, first.size());
            PrunableTensor decoder = tensors.get(tensors.size() - 3);
            assertEquals("dec0.a", decoder.layer());
            assertEquals(4 + 4, decoder.inChannels());
            PrunableTensor head = tensors.get(12);
            assertTrue(head.head());
            assertEquals(List.of(1, 4, 3), List.of(head.outChannels(), head.inChannels(), head.kernel()),
                    "the paper's 3x3 head");
            assertEquals(26, model.weights().tensors().size());
            double macs = tensors.stream().mapToDouble(PrunableTensor::macsPerPixel).sum();
            assertEquals(TINY.macsPerPixel(), macs, 1e-9 * macs, "config and layers count the same compute");
        }
    }

    @Test
    void masksZeroWeightsAndSurviveSaveAndLoad() throws Exception {
        Path file = dir.resolve("masked.hpm");
        PrunableTensor tensor;
        try (NucleiModel model = NucleiModel.create(TINY, 1)) {
            tensor = model.weights().tensors().get(3);
            model.weights().setMask(tensor, everyOther(tensor.size()));
            assertZeroWhereMasked(model.weights().read(tensor), everyOther(tensor.size()));
            model.save(file);
        }
        try (NucleiModel loaded = NucleiModel.load(file)) {
            assertEquals(everyOther(tensor.size()), loaded.weights().mask(tensor).orElseThrow());
            float[] ones = new float[(int) tensor.size()];
            java.util.Arrays.fill(ones, 1f);
            loaded.weights().write(tensor, ones);
            assertZeroWhereMasked(loaded.weights().read(tensor), everyOther(tensor.size()));
            assertFalse(loaded.weights().mask(loaded.weights().tensors().get(0)).isPresent());
        }
    }

    @Test
    void masksHoldThroughAdamTraining() throws Exception {
        Path data = TinyNuclei.write(dir.resolve("data"), 3, 64, 7);
        Path masked = dir.resolve("masked.hpm");
        try (NucleiModel model = NucleiModel.create(TINY, 1)) {
            for (PrunableTensor tensor : model.weights().tensors()) {
                model.weights().setMask(tensor, everyOther(tensor.size()));
            }
            model.save(masked);
        }
        Path out = dir.resolve("trained.hpm");
        TrainingConfig config = TrainingConfig.defaults(data, out).withUnet(TINY).withBudget(1, 3, 0).withCrop(64)
                .withResume(masked);
        new NucleiTrainer().run(config);
        try (NucleiModel trained = NucleiModel.load(out); NucleiModel before = NucleiModel.load(masked)) {
            boolean changed = false;
            for (PrunableTensor tensor : trained.weights().tensors()) {
                float[] weights = trained.weights().read(tensor);
                assertZeroWhereMasked(weights, everyOther(tensor.size()));
                changed |= !java.util.Arrays.equals(weights, before.weights().read(tensor));
            }
            assertTrue(changed, "training should have moved the kept weights");
        }
    }

    private static BitSet everyOther(long size) {
        BitSet keep = new BitSet();
        for (int i = 0; i < size; i += 2) {
            keep.set(i);
        }
        return keep;
    }

    private static void assertZeroWhereMasked(float[] weights, BitSet keep) {
        for (int i = 0; i < weights.length; i++) {
            if (!keep.get(i)) {
                assertEquals(0f, weights[i], "weight " + i);
            }
        }
    }
}
