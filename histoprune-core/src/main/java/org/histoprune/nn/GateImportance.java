package org.histoprune.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Taylor first-order importance of every conv filter through its batch-norm gate: |gamma * dL/dgamma| per
 * batch, summed over batches (Molchanov et al.). The filter weights themselves are useless here: batch norm
 * makes the loss blind to their scale, so |sum W*dL/dW| is ~1e-8. Batch norm runs in inference mode, so
 * measuring changes nothing in the model.
 */
public final class GateImportance {
    private GateImportance() {
    }

    /**
     * Scores of each filter, keyed by {@link PrunableTensor#key()} (the head has none), over {@code batches}
     * random {@code crop}-sized crops (no augmentation) of the image/label pairs in {@code data}.
     */
    public static Map<String, float[]> measure(NucleiModel model, Path data, int batches, int crop, long seed)
            throws IOException {
        List<TrainingSample> samples = TrainingSample.loadFolder(data);
        if (crop % model.config().sizeMultiple() != 0) {
            throw new IllegalArgumentException("crop must be a multiple of " + model.config().sizeMultiple());
        }
        Map<String, float[]> scores = new LinkedHashMap<>();
        Random random = new Random(seed);
        int pixels = crop * crop;
        for (int b = 0; b < batches; b++) {
            float[] image = new float[3 * pixels];
            float[] foreground = new float[pixels];
            float[] distance = new float[pixels];
            CropSampler.sample(samples.get(random.nextInt(samples.size())), random, crop, false, image, 0, foreground,
                    distance, 0);
            for (Branch branch : Branch.values()) {
                accumulate(model, branch, image, branch == Branch.SEGMENTATION ? foreground : distance, crop, scores);
            }
        }
        return scores;
    }

    private static void accumulate(NucleiModel model, Branch branch, float[] image, float[] target, int crop,
            Map<String, float[]> scores) {
        List<UNetLayers.Layer> layers = model.layers(branch).stream().filter(layer -> !layer.head()).toList();
        for (UNetLayers.Layer layer : layers) {
            layer.norm("gamma").getArray().setRequiresGradient(true);
        }
        try (NDManager manager = model.model(branch).getNDManager().newSubManager()) {
            NDArray x = manager.create(image, new Shape(1, 3, crop, crop));
            NDArray y = manager.create(target, new Shape(1, 1, crop, crop));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.zeroGradients();
                NDArray output = model.block(branch).forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow();
                NDArray loss = branch == Branch.SEGMENTATION ? Losses.segmentation(output, y)
                        : Losses.regression(output, y);
                NativeSteps.run(() -> collector.backward(loss));
            }
            for (UNetLayers.Layer layer : layers) {
                NDArray gamma = layer.norm("gamma").getArray();
                float[] value = gamma.toFloatArray();
                float[] gradient = gamma.getGradient().toFloatArray();
                float[] sum = scores.computeIfAbsent(branch.key() + "/" + layer.name(), k -> new float[value.length]);
                for (int c = 0; c < value.length; c++) {
                    sum[c] += Math.abs(value[c] * gradient[c]);
                }
            }
        }
    }
}
