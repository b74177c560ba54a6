package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The training losses of a model on fixed crops of held-out images (inference-mode batch norm): the same crops
 * for every model measured, so losses of differently pruned variants compare directly.
 */
public final class HeldOutLoss {
    private record Crop(float[] image, float[] foreground, float[] distance) {
    }

    private final List<Crop> crops = new ArrayList<>();
    private final int side;

    private HeldOutLoss(int side) {
        this.side = side;
    }

    /** {@code count} crops of {@code side} pixels from the image/label pairs of {@code data}, chosen by {@code seed}. */
    public static HeldOutLoss of(Path data, int count, int side, long seed) {
        List<TrainingSample> samples = TrainingSample.loadFolder(data);
        HeldOutLoss loss = new HeldOutLoss(side);
        Random random = new Random(seed);
        int pixels = side * side;
        for (int c = 0; c < count; c++) {
            Crop crop = new Crop(new float[3 * pixels], new float[pixels], new float[pixels]);
            CropSampler.sample(samples.get(c % samples.size()), random, side, false, crop.image(), 0, crop.foreground(),
                    crop.distance(), 0);
            loss.crops.add(crop);
        }
        return loss;
    }

    /** Mean loss of one branch (segmentation: BCE + soft Dice; regression: MSE) over the crops. */
    public double evaluate(NucleiModel model, Branch branch) {
        if (side % model.config().sizeMultiple() != 0) {
            throw new IllegalArgumentException("crop side must be a multiple of " + model.config().sizeMultiple());
        }
        double sum = 0;
        for (Crop crop : crops) {
            try (NDManager manager = model.model(branch).getNDManager().newSubManager()) {
                NDArray x = manager.create(crop.image(), new Shape(1, 3, side, side));
                NDArray output = model.block(branch).forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow();
                Shape shape = new Shape(1, 1, side, side);
                sum += branch == Branch.SEGMENTATION
                        ? Losses.segmentation(output, manager.create(crop.foreground(), shape)).getFloat()
                        : Losses.regression(output, manager.create(crop.distance(), shape)).getFloat();
            }
        }
        return sum / crops.size();
    }
}
