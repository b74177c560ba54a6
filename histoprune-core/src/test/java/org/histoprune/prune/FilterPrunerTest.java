package org.histoprune.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.histoprune.image.RgbImage;
import org.histoprune.nn.Branch;
import org.histoprune.nn.FilterSurgery;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.Prediction;
import org.histoprune.nn.PrunableTensor;
import org.histoprune.nn.TilingOptions;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterPrunerTest {
    private static final UNetConfig TINY = new UNetConfig(4, 2);
    private static final TilingOptions WHOLE = new TilingOptions(64, 0, 1, 1);

    @TempDir
    Path dir;

    @Test
    void shrunkNetworkEqualsTheOriginalWithRemovedFiltersSilenced() throws Exception {
        RgbImage image = noise(64, 11);
        try (NucleiModel model = NucleiModel.create(TINY, 5)) {
            FilterPruner pruner = new FilterPruner(model, PruneConfig.filters(Strategy.L1_FILTER, 0.5, null));
            Map<Branch, List<int[]>> kept = pruner.keptFilters();
            Prediction original = model.predict(image, WHOLE);
            try (NucleiModel small = pruner.step()) {
                assertEquals(List.of(2, 2, 4, 4, 8, 8, 4, 4, 4, 2, 2, 2), small.config().widths());
                Path file = dir.resolve("small.hpm");
                small.save(file);
                silenceRemoved(model, kept);
                Prediction silenced = model.predict(image, WHOLE);
                try (NucleiModel loaded = NucleiModel.load(file)) {
                    Prediction shrunk = loaded.predict(image, WHOLE);
                    assertClose(silenced.foreground().values(), shrunk.foreground().values());
                    assertClose(silenced.distance().values(), shrunk.distance().values());
                }
                assertTrue(maxDifference(original.distance().values(), silenced.distance().values()) > 1e-4,
                        "silencing half the filters must change the output, else the check proves nothing");
            }
        }
    }

    @Test
    void halfTheFiltersCostAboutAQuarterOfTheFlops() throws Exception {
        try (NucleiModel model = NucleiModel.create(new UNetConfig(16, 4), 5);
                NucleiModel small = new FilterPruner(model, PruneConfig.filters(Strategy.L1_FILTER, 0.5, null)).step()) {
            ModelCost cost = ModelCost.of(small);
            assertEquals(1, ModelCost.of(model).speedup(), 1e-9);
            assertTrue(cost.speedup() > 3.6 && cost.speedup() <= 4.0, "speedup " + cost.speedup());
            assertEquals(0, cost.sparsity(), 1e-12);
        }
    }

    @Test
    void globalRankingRemovesTheRatioOverAllLayersAndKeepsEveryLayer() throws Exception {
        try (NucleiModel model = NucleiModel.create(TINY, 5)) {
            PruneConfig config = PruneConfig.filters(Strategy.L1_FILTER, 0.6, null).withGlobalRanking(true);
            List<int[]> kept = new FilterPruner(model, config).keptFilters().get(Branch.SEGMENTATION);
            int before = IntStream.range(0, kept.size()).map(TINY::filters).sum();
            int after = kept.stream().mapToInt(k -> k.length).sum();
            assertEquals(Math.round(0.4 * before), after);
            assertTrue(kept.stream().allMatch(k -> k.length >= 1));
        }
    }

    @Test
    void taylorImportanceComesFromTheBatchNormGates() throws Exception {
        Path data = TinyNuclei.write(dir.resolve("data"), 2, 64, 3);
        try (NucleiModel model = NucleiModel.create(TINY, 5)) {
            PruneConfig config = new PruneConfig(Strategy.TAYLOR, 0, 0.25, 2, 4, true, false, false, 0, 1,
                    Retraining.FINE_TUNE, data, 64, 2, 1);
            FilterPruner pruner = new FilterPruner(model, config);
            Map<String, float[]> importance = pruner.importance();
            assertEquals(24, importance.size());
            float[] first = importance.get("segmentation/enc0.a");
            assertEquals(4, first.length);
            assertTrue(importance.values().stream().allMatch(s -> IntStream.range(0, s.length)
                    .allMatch(i -> Float.isFinite(s[i]) && s[i] >= 0)));
            assertTrue(importance.values().stream().anyMatch(s -> IntStream.range(0, s.length).anyMatch(i -> s[i] > 0)));
            try (NucleiModel small = pruner.step()) {
                assertEquals(3, small.config().filters(0));
            }
        }
    }

    static void silenceRemoved(NucleiModel model, Map<Branch, List<int[]>> kept) {
        for (Branch branch : Branch.values()) {
            List<PrunableTensor> tensors = model.weights().tensors(branch);
            for (int i = 0; i < kept.get(branch).size(); i++) {
                PrunableTensor tensor = tensors.get(i);
                int[] keep = kept.get(branch).get(i);
                int[] removed = IntStream.range(0, tensor.outChannels())
                        .filter(f -> Arrays.binarySearch(keep, f) < 0).toArray();
                FilterSurgery.silence(model, tensor, removed);
            }
        }
    }

    static RgbImage noise(int size, long seed) {
        Random random = new Random(seed);
        RgbImage image = new RgbImage(size, size);
        for (int i = 0; i < size * size; i++) {
            image.rgb()[i] = RgbImage.pack(random.nextInt(256), random.nextInt(256), random.nextInt(256));
        }
        return image;
    }

    static void assertClose(float[] expected, float[] actual) {
        assertTrue(maxDifference(expected, actual) <= 1e-4, "max difference " + maxDifference(expected, actual));
    }

    static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
