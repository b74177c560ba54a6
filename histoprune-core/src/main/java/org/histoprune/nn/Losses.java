package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The two training losses, on batches shaped (N, 1, H, W). */
final class Losses {
    private static final float SMOOTH = 1f;

    private Losses() {
    }

    /** Binary cross-entropy (from logits, numerically stable) plus soft Dice loss over the whole batch. */
    static NDArray segmentation(NDArray logits, NDArray target) {
        NDArray bce = logits.maximum(0f).sub(logits.mul(target)).add(logits.abs().neg().exp().add(1f).log()).mean();
        NDArray probability = Activation.sigmoid(logits);
        NDArray intersection = probability.mul(target).sum();
        NDArray dice = intersection.mul(2f).add(SMOOTH).div(probability.sum().add(target.sum()).add(SMOOTH));
        return bce.add(dice.neg().add(1f));
    }

    /** Mean squared error of the distance prediction. */
    static NDArray regression(NDArray output, NDArray target) {
        return output.sub(target).square().mean();
    }
}
