package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Re-estimates every batch norm's running mean and variance from plain training crops, leaving all weights
 * alone. Pruning changes what each layer sees, so the statistics stored with the dense network no longer
 * fit it; without this, a network that lost half of its weights predicts almost nothing until retraining
 * has slowly dragged the running averages back. The new statistics are the exact average over all batches
 * (recovered from each moving-average update), not a moving average.
 */
final class BatchNormCalibration {
    private static final int BATCH = 4;

    private BatchNormCalibration() {
    }

    static void run(NucleiModel model, List<Branch> branches, List<TrainingSample> samples, int crops, int crop,
            long seed) {
        if (samples.isEmpty() || crops <= 0) {
            return;
        }
        for (Branch branch : branches) {
            calibrate(model.block(branch), model.model(branch).getNDManager(), samples, crops, crop, seed);
        }
    }

    private static void calibrate(Block block, NDManager owner, List<TrainingSample> samples, int crops, int crop,
            long seed) {
        List<Parameter> statistics = new ArrayList<>();
        for (var entry : block.getParameters()) {
            if (entry.getValue().getType() == Parameter.Type.RUNNING_MEAN
                    || entry.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                statistics.add(entry.getValue());
            }
        }
        if (statistics.isEmpty()) {
            return;
        }
        Random random = new Random(seed);
        int pixels = crop * crop;
        try (NDManager manager = owner.newSubManager()) {
            List<NDArray> sums = new ArrayList<>();
            for (Parameter parameter : statistics) {
                sums.add(parameter.getArray().zerosLike().toDevice(manager.getDevice(), false));
                sums.get(sums.size() - 1).attach(manager);
            }
            int batches = (crops + BATCH - 1) / BATCH;
            for (int b = 0; b < batches; b++) {
                float[] images = new float[BATCH * 3 * pixels];
                float[] foreground = new float[BATCH * pixels];
                float[] distance = new float[BATCH * pixels];
                for (int i = 0; i < BATCH; i++) {
                    TrainingSample sample = samples.get(random.nextInt(samples.size()));
                    CropSampler.sample(sample, random, crop, false, images, i * 3 * pixels, foreground, distance,
                            i * pixels);
                }
                try (NDManager step = manager.newSubManager()) {
                    List<NDArray> before = new ArrayList<>();
                    for (Parameter parameter : statistics) {
                        before.add(parameter.getArray().duplicate());
                        before.get(before.size() - 1).attach(step);
                    }
                    NDArray x = step.create(images, new Shape(BATCH, 3, crop, crop));
                    block.forward(new ParameterStore(step, false), new NDList(x), true);
                    for (int p = 0; p < statistics.size(); p++) {
                        // running = m * old + (1 - m) * batch, so the batch statistic is recovered exactly
                        NDArray now = statistics.get(p).getArray().duplicate();
                        now.attach(step);
                        NDArray batchStatistic = now.sub(before.get(p).mul(UNetBlock.BATCH_NORM_MOMENTUM))
                                .div(1 - UNetBlock.BATCH_NORM_MOMENTUM);
                        sums.get(p).addi(batchStatistic);
                    }
                }
            }
            for (int p = 0; p < statistics.size(); p++) {
                statistics.get(p).getArray().set(sums.get(p).div(batches).toFloatArray());
            }
        }
    }
}
