package org.histoprune.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The convs of a {@link UNetBlock} with their batch norms, in {@link UNetConfig#layerNames()} order, head last. */
final class UNetLayers {
    /** The resolution stage in a layer name: enc3.0.a, up2, dec1.b. */
    private static final Pattern STAGE = Pattern.compile("(?:enc|up|dec)(\\d+)");

    /** One conv (and its batch norm, null for the head) at resolution stage {@code level}. */
    record Layer(String name, int index, int level, Block conv, Block norm) {
        Parameter weight() {
            return conv.getParameters().get("weight");
        }

        Parameter norm(String parameter) {
            return norm.getParameters().get(parameter);
        }

        boolean head() {
            return norm == null;
        }

        PrunableTensor tensor(Branch branch) {
            long[] shape = weight().getArray().getShape().getShape();
            return new PrunableTensor(branch, name, index, (int) shape[0], (int) shape[1], (int) shape[2], level,
                    head());
        }
    }

    private UNetLayers() {
    }

    static List<Layer> of(Block unet, UNetConfig config) {
        List<String> names = new ArrayList<>(config.layerNames());
        names.add("head");
        List<Layer> layers = new ArrayList<>();
        collect(unet, names, layers);
        return layers;
    }

    /** Every conv below {@code block} in construction order, with the batch norm that follows it, if any. */
    private static void collect(Block block, List<String> names, List<Layer> layers) {
        var children = block.getChildren();
        for (int i = 0; i < children.size(); i++) {
            Block child = children.valueAt(i);
            if (child instanceof Conv2d) {
                Block next = i + 1 < children.size() ? children.valueAt(i + 1) : null;
                add(layers, names, child, next instanceof BatchNorm ? next : null);
            } else {
                collect(child, names, layers);
            }
        }
    }

    private static void add(List<Layer> layers, List<String> names, Block conv, Block norm) {
        int index = layers.size();
        String name = names.get(index);
        Matcher stage = STAGE.matcher(name);
        int level = stage.lookingAt() ? Integer.parseInt(stage.group(1)) : 0;
        layers.add(new Layer(name, index, level, conv, norm));
    }
}
