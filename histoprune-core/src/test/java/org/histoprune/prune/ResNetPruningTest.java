package org.histoprune.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.histoprune.image.RgbImage;
import org.histoprune.nn.Branch;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.Prediction;
import org.histoprune.nn.PrunableTensor;
import org.histoprune.nn.UNetConfig;
import org.histoprune.nn.TilingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pruning the ResNet-34 encoder variant: magnitude pruning works on every conv; filter pruning removes channels
 * from whole residual groups, into a smaller network that computes what the original computes with those channels
 * silenced.
 */
class ResNetPruningTest {
    private static final UNetConfig TINY = new UNetConfig(2, 4).withEncoder(UNetConfig.RESNET34);
    private static final TilingOptions WHOLE = new TilingOptions(64, 0, 1, 1);

    @TempDir
    Path dir;

    @Test
    void globalMagnitudePruningReachesItsSparsityAndCutsTheComputeOfEveryKindOfConv() {
        try (NucleiModel model = NucleiModel.create(TINY, 3)) {
            ModelCost dense = ModelCost.of(model);
            assertEquals(1.0, dense.speedup(), 1e-9, "the dense resnet is its own reference");
            new Pruner(model, PruneConfig.magnitude(Strategy.GLOBAL, 4)).step(2);
            ModelCost pruned = ModelCost.of(model);
            assertEquals(0.75, pruned.sparsity(), 0.001);
            assertTrue(pruned.speedup() > 1.5, "speedup " + pruned.speedup());
            for (String layer : new String[] {"enc1", "enc3.0.down", "enc4.2.b", "dec0.a"}) {
                PrunableTensor tensor = model.weights().tensors().stream().filter(t -> t.layer().equals(layer))
                        .findFirst().orElseThrow();
                assertTrue(model.weights().mask(tensor).isPresent(), layer + " is masked");
            }
        }
    }

    @Test
    void l1FilterPruningShrinksTheResNetAndEqualsTheModelWithTheRemovedFiltersSilenced() throws Exception {
        RgbImage image = FilterPrunerTest.noise(64, 4);
        try (NucleiModel model = NucleiModel.create(TINY.withBase(4), 3)) {
            FilterPruner pruner = new FilterPruner(model, PruneConfig.filters(Strategy.L1_FILTER, 0.5, null));
            Map<Branch, List<int[]>> kept = pruner.keptFilters();
            Prediction original = model.predict(image, WHOLE);
            Path denseFile = dir.resolve("dense.hpm");
            model.save(denseFile);
            try (NucleiModel small = pruner.step()) {
                UNetConfig shrunk = small.config();
                List<String> names = shrunk.layerNames();
                assertEquals(8, shrunk.filters(names.indexOf("enc1")), "stem: half of 16");
                for (String tied : List.of("enc2.0.b", "enc2.1.b", "enc2.2.b")) {
                    assertEquals(8, shrunk.filters(names.indexOf(tied)), tied + " is summed with the stem's output");
                }
                assertEquals(64, shrunk.filters(names.indexOf("enc5.0.down")), "half of 128");
                assertEquals(shrunk.filters(names.indexOf("enc5.0.down")), shrunk.filters(names.indexOf("enc5.2.b")));
                assertTrue(ModelCost.of(small).speedup() > 3, "speedup " + ModelCost.of(small).speedup());
                long before = model.parameterCount(Branch.SEGMENTATION);
                assertTrue(small.parameterCount(Branch.SEGMENTATION) < before / 3,
                        small.parameterCount(Branch.SEGMENTATION) + " of " + before + " parameters");
                Path smallFile = dir.resolve("small.hpm");
                small.save(smallFile);
                assertTrue(Files.size(smallFile) < Files.size(denseFile) / 3, "file sizes " + Files.size(smallFile)
                        + " of " + Files.size(denseFile));

                FilterPrunerTest.silenceRemoved(model, kept);
                Prediction silenced = model.predict(image, WHOLE);
                try (NucleiModel loaded = NucleiModel.load(smallFile)) {
                    Prediction prediction = loaded.predict(image, WHOLE);
                    assertEquals(64, prediction.foreground().width());
                    assertEquals(64, prediction.foreground().height());
                    float[] d = silenced.distance().values();
                    System.err.println("DIAG max|distance| " + IntStream.range(0, d.length).mapToDouble(i -> Math.abs(d[i])).max().getAsDouble()
                        + " diff " + FilterPrunerTest.maxDifference(d, prediction.distance().values()));
                    FilterPrunerTest.assertClose(silenced.foreground().values(), prediction.foreground().values());
                    FilterPrunerTest.assertClose(silenced.distance().values(), prediction.distance().values());
                }
                assertTrue(FilterPrunerTest.maxDifference(original.distance().values(),
                        silenced.distance().values()) > 1e-4, "silencing must change the output, else nothing is shown");
            }
        }
    }

    @Test
    void taylorImportanceIsAggregatedOverEachResidualGroup() throws Exception {
        Path data = TinyNuclei.write(dir.resolve("data"), 2, 64, 3);
        try (NucleiModel model = NucleiModel.create(TINY, 3)) {
            PruneConfig config = new PruneConfig(Strategy.TAYLOR, 0, 0.5, 2, 4, true, false, false, 0, 1,
                    Retraining.FINE_TUNE, data, 64, 2, 1);
            FilterPruner pruner = new FilterPruner(model, config);
            Map<Branch, List<int[]>> kept = pruner.keptFilters();
            for (int[] group : TINY.channelGroups()) {
                for (int member : group) {
                    for (Branch branch : Branch.values()) {
                        assertArrayEquals(kept.get(branch).get(group[0]), kept.get(branch).get(member),
                                TINY.layerNames().get(member) + " keeps what its group keeps");
                    }
                }
            }
            int[] stage3 = TINY.channelGroups().stream().filter(g -> g.length == 5).findFirst().orElseThrow();
            assertEquals(List.of("enc3.0.b", "enc3.0.down", "enc3.1.b", "enc3.2.b", "enc3.3.b"),
                    IntStream.of(stage3).mapToObj(TINY.layerNames()::get).toList());
            float[] expected = meanScores(pruner.importance(), stage3);
            int[] best = IntStream.range(0, expected.length).boxed()
                    .sorted((a, b) -> Float.compare(expected[b], expected[a])).limit(expected.length / 2)
                    .mapToInt(Integer::intValue).sorted().toArray();
            assertArrayEquals(best, kept.get(Branch.SEGMENTATION).get(stage3[0]));
            try (NucleiModel small = pruner.step()) {
                assertEquals(8, small.config().encoderWidth(3));
                Prediction prediction = small.predict(FilterPrunerTest.noise(64, 5), WHOLE);
                assertEquals(List.of(64, 64), List.of(prediction.distance().width(), prediction.distance().height()));
            }
        }
    }

    @Test
    void keptCountsRoundToTheChannelMultiple() throws Exception {
        try (NucleiModel model = NucleiModel.create(TINY.withBase(4), 3)) {
            PruneConfig config = PruneConfig.filters(Strategy.L1_FILTER, 0.6, null).withChannelMultiple(8);
            try (NucleiModel small = new FilterPruner(model, config).step()) {
                List<Integer> widths = small.config().widths();
                assertTrue(widths.stream().allMatch(w -> w % 8 == 0 || w == 4), widths.toString());
                assertEquals(8, small.config().filters(small.config().layerNames().indexOf("enc1")),
                        "16 x 0.4 = 6.4 filters round to 8");
            }
        }
    }

    private static float[] meanScores(Map<String, float[]> importance, int[] group) {
        float[] mean = new float[importance.get("segmentation/" + TINY.layerNames().get(group[0])).length];
        for (int member : group) {
            float[] score = importance.get("segmentation/" + TINY.layerNames().get(member));
            for (int c = 0; c < mean.length; c++) {
                mean[c] += score[c] / group.length;
            }
        }
        return mean;
    }
}
