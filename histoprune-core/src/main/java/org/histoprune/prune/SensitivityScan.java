package org.histoprune.prune;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.histoprune.nn.HeldOutLoss;
import org.histoprune.nn.ModelWeights;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.PrunableTensor;

/**
 * Per-layer sensitivity: prune one tensor at a time by magnitude at increasing sparsity and record its branch's
 * held-out loss (the data of a tensor x sparsity heat map). The model is restored after each tensor.
 */
public final class SensitivityScan {
    public static final List<Double> DEFAULT_SPARSITIES = List.of(0.5, 0.75, 0.9, 0.95, 0.99);

    /** Loss of {@code tensor}'s branch with only that tensor pruned to {@code sparsity} (0 = the model as is). */
    public record Point(PrunableTensor tensor, double sparsity, double loss) {
    }

    /** Receives each point as it is measured. */
    public interface Listener {
        void onPoint(Point point, int done, int total);
    }

    private SensitivityScan() {
    }

    public static List<Point> run(NucleiModel model, HeldOutLoss heldOut, List<Double> sparsities, Listener listener) {
        ModelWeights weights = model.weights();
        List<PrunableTensor> tensors = weights.tensors();
        int total = tensors.size() * (sparsities.size() + 1);
        List<Point> points = new ArrayList<>();
        for (PrunableTensor tensor : tensors) {
            float[] original = weights.read(tensor);
            Optional<BitSet> mask = weights.mask(tensor);
            BitSet alive = mask.orElseGet(() -> {
                BitSet all = new BitSet();
                all.set(0, (int) tensor.size());
                return all;
            });
            add(points, new Point(tensor, 1 - (double) alive.cardinality() / tensor.size(),
                    heldOut.evaluate(model, tensor.branch())), total, listener);
            for (double sparsity : sparsities) {
                long keep = Math.max(1, Math.round(tensor.size() * (1 - sparsity)));
                weights.setMask(tensor, MagnitudeSelection.topK(original, alive, keep));
                add(points, new Point(tensor, sparsity, heldOut.evaluate(model, tensor.branch())), total, listener);
            }
            if (mask.isPresent()) {
                weights.setMask(tensor, mask.get());
            } else {
                weights.clearMask(tensor);
            }
            weights.write(tensor, original);
        }
        return points;
    }

    private static void add(List<Point> points, Point point, int total, Listener listener) {
        points.add(point);
        listener.onPoint(point, points.size(), total);
    }
}
