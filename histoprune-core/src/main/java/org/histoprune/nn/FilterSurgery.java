package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes output filters of convs, building a physically smaller U-Net. Every filter couples its conv, its batch
 * norm and the input channels of whatever reads it: the next conv, the up-conv, a shortcut, or (for a stage's
 * output) the skip concatenation into the decoder, where skip channels come before the upsampled ones. Convs tied
 * by residual sums ({@link UNetConfig#channelGroups()}) must keep the same filters.
 */
public final class FilterSurgery {
    private FilterSurgery() {
    }

    /**
     * A new model keeping, per branch and per conv before the head (in {@link UNetConfig#layerNames()} order),
     * the sorted filter indices given. Both branches must keep the same number of filters per layer, as they
     * share one architecture. Masks are not carried over; the provenance is.
     */
    public static NucleiModel shrink(NucleiModel model, Map<Branch, List<int[]>> kept) {
        UNetConfig config = model.config();
        for (Branch branch : Branch.values()) {
            for (int[] group : config.channelGroups()) {
                for (int member : group) {
                    if (!java.util.Arrays.equals(kept.get(branch).get(member), kept.get(branch).get(group[0]))) {
                        throw new IllegalArgumentException("layers " + config.layerNames().get(group[0]) + " and "
                                + config.layerNames().get(member) + " are summed and must keep the same filters");
                    }
                }
            }
        }
        int layers = config.layerNames().size();
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            int count = kept.get(Branch.SEGMENTATION).get(i).length;
            if (count < 1 || count != kept.get(Branch.REGRESSION).get(i).length) {
                throw new IllegalArgumentException("layer " + config.layerNames().get(i)
                        + ": both branches must keep the same number (>= 1) of filters");
            }
            widths.add(count);
        }
        NucleiModel small = NucleiModel.create(config.withWidths(widths), 0);
        small.setProvenance(model.provenance());
        for (Branch branch : Branch.values()) {
            copy(model.layers(branch), small.layers(branch), kept.get(branch), config.inputs());
        }
        return small;
    }

    /** Sets gamma and beta of the given filters to 0: their outputs become exactly 0 after batch norm + ReLU. */
    public static void silence(NucleiModel model, PrunableTensor tensor, int[] filters) {
        UNetLayers.Layer layer = model.layers(tensor.branch()).get(tensor.index());
        for (String name : List.of("gamma", "beta")) {
            NDArray array = layer.norm(name).getArray();
            float[] values = array.toFloatArray();
            for (int f : filters) {
                values[f] = 0;
            }
            array.set(FloatBuffer.wrap(values));
        }
    }

    private static void copy(List<UNetLayers.Layer> from, List<UNetLayers.Layer> to, List<int[]> kept,
            List<int[]> inputs) {
        for (int i = 0; i < from.size(); i++) {
            UNetLayers.Layer source = from.get(i);
            long[] shape = source.weight().getArray().getShape().getShape();
            int[] outs = source.head() ? range((int) shape[0]) : kept.get(i);
            int[] ins = inputChannels(inputs.get(i), from, kept, (int) shape[1]);
            int area = (int) (shape[2] * shape[3]);
            float[] weights = source.weight().getArray().toFloatArray();
            float[] selected = new float[outs.length * ins.length * area];
            int at = 0;
            for (int o : outs) {
                for (int c : ins) {
                    System.arraycopy(weights, (int) ((o * shape[1] + c) * area), selected, at, area);
                    at += area;
                }
            }
            UNetLayers.Layer target = to.get(i);
            target.weight().getArray().set(FloatBuffer.wrap(selected));
            if (source.head()) {
                target.conv().getParameters().get("bias").getArray()
                        .set(FloatBuffer.wrap(source.conv().getParameters().get("bias").getArray().toFloatArray()));
            } else {
                for (String name : List.of("gamma", "beta", "runningMean", "runningVar")) {
                    float[] values = source.norm(name).getArray().toFloatArray();
                    float[] picked = new float[outs.length];
                    for (int k = 0; k < outs.length; k++) {
                        picked[k] = values[outs[k]];
                    }
                    target.norm(name).getArray().set(FloatBuffer.wrap(picked));
                }
            }
        }
    }

    /** Kept input channels: each producer's kept filters, offset by the full widths of the producers before it. */
    private static int[] inputChannels(int[] producers, List<UNetLayers.Layer> layers, List<int[]> kept, int all) {
        if (producers.length == 0) {
            return range(all);
        }
        List<Integer> channels = new ArrayList<>();
        int offset = 0;
        for (int producer : producers) {
            for (int f : kept.get(producer)) {
                channels.add(offset + f);
            }
            offset += (int) layers.get(producer).weight().getArray().getShape().get(0);
        }
        return channels.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] range(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }
}
