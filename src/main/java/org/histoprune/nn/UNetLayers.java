package org.histoprune.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/** The convs of a {@link UNetBlock} with their batch norms, in {@link UNetConfig#layerNames()} order, head last. */
final class UNetLayers {
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
        for (Block child : unet.getChildren().values()) {
            if (child.getChildren().isEmpty()) {
                add(layers, names, child, null);
            } else if (child.getChildren().valueAt(0) instanceof ai.djl.nn.SequentialBlock) {
                for (Block convBnRelu : child.getChildren().values()) {
                    add(layers, names, convBnRelu.getChildren().valueAt(0), convBnRelu.getChildren().valueAt(1));
                }
            } else {
                add(layers, names, child.getChildren().valueAt(0), child.getChildren().valueAt(1));
            }
        }
        return layers;
    }

    private static void add(List<Layer> layers, List<String> names, Block conv, Block norm) {
        int index = layers.size();
        String name = names.get(index);
        int level = name.equals("head") ? 0 : Integer.parseInt(name.replaceAll("\\D", ""));
        layers.add(new Layer(name, index, level, conv, norm));
    }
}
