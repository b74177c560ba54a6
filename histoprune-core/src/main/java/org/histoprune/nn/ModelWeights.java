package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The prunable weights of a {@link NucleiModel} as plain arrays, and their masks. Setting a mask zeroes the
 * pruned weights at once; the trainer re-applies masks after every optimizer step and the model file keeps
 * them, so a pruned weight stays exactly 0 through retraining, saving and loading.
 */
public final class ModelWeights {
    private final NucleiModel model;

    ModelWeights(NucleiModel model) {
        this.model = model;
    }

    /** Every conv, up-conv and head kernel of both branches, branch by branch in network order. */
    public List<PrunableTensor> tensors() {
        List<PrunableTensor> tensors = new ArrayList<>();
        for (Branch branch : Branch.values()) {
            for (UNetLayers.Layer layer : model.layers(branch)) {
                tensors.add(layer.tensor(branch));
            }
        }
        return tensors;
    }

    /** The tensors of one branch. */
    public List<PrunableTensor> tensors(Branch branch) {
        return tensors().stream().filter(t -> t.branch() == branch).toList();
    }

    /** The weights, flattened as (out, in, kh, kw). */
    public float[] read(PrunableTensor tensor) {
        return array(tensor).toFloatArray();
    }

    /** Replaces the weights (same size); the tensor's mask, if any, is applied to them. */
    public void write(PrunableTensor tensor, float[] values) {
        NDArray array = array(tensor);
        if (values.length != array.size()) {
            throw new IllegalArgumentException(tensor.key() + " has " + array.size() + " weights, got " + values.length);
        }
        array.set(FloatBuffer.wrap(values));
        model.masks().apply(tensor.key(), array);
    }

    /** The kept weights of a tensor (a set bit keeps one), or empty when it has no mask. */
    public Optional<BitSet> mask(PrunableTensor tensor) {
        return Optional.ofNullable(model.masks().get(tensor.key())).map(mask -> (BitSet) mask.keep().clone());
    }

    /** Masks a tensor and zeroes its pruned weights now. */
    public void setMask(PrunableTensor tensor, BitSet keep) {
        NDArray array = array(tensor);
        if (keep.length() > array.size()) {
            throw new IllegalArgumentException("mask longer than " + tensor.key());
        }
        model.masks().put(tensor.key(), new MaskSet.Mask((int) array.size(), (BitSet) keep.clone()));
        model.masks().apply(tensor.key(), array);
    }

    /** Removes a tensor's mask (its weights stay as they are). */
    public void clearMask(PrunableTensor tensor) {
        model.masks().remove(tensor.key());
    }

    /** Weights still alive: the mask's kept count, or the tensor's size when unmasked. */
    public long alive(PrunableTensor tensor) {
        MaskSet.Mask mask = model.masks().get(tensor.key());
        return mask == null ? tensor.size() : mask.keep().cardinality();
    }

    /** The batch-norm scale (gamma) of each output filter (empty for the head, which has no batch norm). */
    public float[] gamma(PrunableTensor tensor) {
        UNetLayers.Layer layer = model.layers(tensor.branch()).get(tensor.index());
        return layer.head() ? new float[0] : layer.norm("gamma").getArray().toFloatArray();
    }

    private NDArray array(PrunableTensor tensor) {
        return model.layers(tensor.branch()).get(tensor.index()).weight().getArray();
    }
}
