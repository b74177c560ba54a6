package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.histoprune.image.RgbImage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inference copy with batch norm folded into the convs predicts what the model predicts. */
class BatchNormFoldingTest {
    private static final TilingOptions TILES = TilingOptions.defaults().withTile(64).withOverlap(16);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} encoder")
    @ValueSource(strings = {UNetConfig.PLAIN, UNetConfig.RESNET34})
    void foldedCopyPredictsLikeTheModel(String encoder) {
        UNetConfig config = new UNetConfig(4, 2).withEncoder(encoder);
        RgbImage image = NucleiModelTest.blobs(96, 80, 2);
        try (NucleiModel model = NucleiModel.create(config, 7)) {
            randomiseBatchNorms(model, new Random(3));
            Prediction expected = model.predict(image, TILES);
            try (NucleiModel folded = model.forInference()) {
                Prediction actual = folded.predict(image, TILES);
                // float32 rounding through the ResNet's 53 convs, whose residual sums random batch norms grow to ~100s
                assertClose(expected.foreground().values(), actual.foreground().values(), 1e-3);
                assertClose(expected.distance().values(), actual.distance().values(), 1e-5);
                assertThrows(IllegalStateException.class, () -> folded.save(dir.resolve("folded.hpm")));
            }
        }
    }

    /** Statistics and affine parameters away from their initial 0 and 1, else folding would change nothing. */
    private static void randomiseBatchNorms(NucleiModel model, Random random) {
        for (Branch branch : Branch.values()) {
            for (UNetLayers.Layer layer : model.layers(branch)) {
                if (layer.head()) {
                    continue;
                }
                for (String name : List.of("gamma", "beta", "runningMean", "runningVar")) {
                    var array = layer.norm(name).getArray();
                    float[] values = new float[(int) array.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = name.equals("runningVar") ? 0.2f + 2 * random.nextFloat()
                                : (float) (name.equals("gamma") ? 1 + 0.5 * random.nextGaussian() : 0.3 * random.nextGaussian());
                    }
                    array.set(FloatBuffer.wrap(values));
                }
            }
        }
    }

    /** Within {@code relative} of the largest output (at least of 1). */
    private static void assertClose(float[] expected, float[] actual, double relative) {
        double max = 0;
        double change = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
            change = Math.max(change, Math.abs(expected[i]));
        }
        assertTrue(change > 1e-3, "the output must not be trivial");
        assertTrue(max <= relative * Math.max(1, change), "max difference " + max + " of outputs up to " + change);
    }
}
