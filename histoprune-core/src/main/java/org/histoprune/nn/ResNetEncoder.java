package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The ResNet-34 encoder of the seed paper's U-Net variant (He et al. 2016), as stages of a {@link UNetBlock}:
 * stage 0 is a full-resolution double conv of {@code base} filters (the skip for the last decoder stage, which
 * ResNet has no features for); stage 1 the ResNet stem, a 7x7 stride-2 conv of 4 x base filters on the RGB
 * input; stages 2..5 ResNet's layer1..layer4 of 3, 4, 6 and 3 basic blocks (two 3x3 convs and an identity
 * shortcut, or a strided 1x1 conv shortcut where the stage halves the resolution) with base x 4, 8, 16 and 32
 * filters, stage 2 after a 3x3 stride-2 max-pool. With base 16 the widths are ResNet-34's (64..512) and the
 * decoder's those of the usual ResNet-34 U-Net (256..16).
 */
final class ResNetEncoder {
    static final int DEPTH = 5;
    private static final int[] BLOCKS = {3, 4, 6, 3};

    private ResNetEncoder() {
    }

    /** Output channels of stage {@code level} of the unpruned encoder. */
    static int width(int base, int level) {
        return level == 0 ? base : level == 1 ? base << 2 : base << level;
    }

    /** Names of the encoder's convs in construction order: enc0.a, enc0.b, enc1, then enc<l>.<block>.a|b|down. */
    static List<String> convNames() {
        List<String> names = new ArrayList<>(List.of("enc0.a", "enc0.b", "enc1"));
        for (int level = 2; level <= DEPTH; level++) {
            for (int block = 0; block < BLOCKS[level - 2]; block++) {
                names.add(name(level, block, "a"));
                names.add(name(level, block, "b"));
                if (block == 0 && level > 2) {
                    names.add(name(level, block, "down"));
                }
            }
        }
        return names;
    }

    private static String name(int level, int block, String part) {
        return "enc" + level + "." + block + "." + part;
    }

    private static int index(int level, int block, String part) {
        return convNames().indexOf(name(level, block, part));
    }

    /** Output filters of encoder conv {@code index} of {@link #convNames()} in the unpruned encoder. */
    static int filters(int base, int index) {
        return width(base, level(index));
    }

    /** The resolution stage of encoder conv {@code index}: its output has 1/2^level of the input's side. */
    static int level(int index) {
        return Character.getNumericValue(convNames().get(index).charAt(3));
    }

    /** The conv whose output is stage {@code level}'s output (for stages 2..5 every block's b conv gives it). */
    static int stageOutput(int level) {
        return level == 0 ? 1 : level == 1 ? 2 : index(level, BLOCKS[level - 2] - 1, "b");
    }

    /**
     * Encoder convs whose output channels are one set of channels (DepGraph's dependency groups): the outputs
     * of a stage's basic blocks are summed with their shortcuts, so every b conv of a stage, the stage's
     * projection shortcut (down) and, for stage 2 whose first shortcut is the identity, the stem are tied.
     * Every other conv is a group of its own. Groups in order of their first conv.
     */
    static List<int[]> groups() {
        List<int[]> groups = new ArrayList<>(List.of(new int[] {0}, new int[] {1}));
        for (int level = 2; level <= DEPTH; level++) {
            List<Integer> tied = new ArrayList<>();
            if (level == 2) {
                tied.add(stageOutput(1));
            }
            for (int block = 0; block < BLOCKS[level - 2]; block++) {
                groups.add(new int[] {index(level, block, "a")});
                tied.add(index(level, block, "b"));
                if (block == 0 && level > 2) {
                    tied.add(index(level, block, "down"));
                }
            }
            groups.add(tied.stream().mapToInt(Integer::intValue).sorted().toArray());
        }
        groups.sort(java.util.Comparator.comparingInt(group -> group[0]));
        return groups;
    }

    /** For each encoder conv, the convs whose outputs it reads (one per group); empty = the RGB input. */
    static List<int[]> inputs() {
        List<int[]> inputs = new ArrayList<>(List.of(new int[0], new int[] {0}, new int[0]));
        for (int level = 2; level <= DEPTH; level++) {
            int stageInput = stageOutput(level - 1);
            for (int block = 0; block < BLOCKS[level - 2]; block++) {
                int blockInput = block == 0 ? stageInput : stageOutput(level);
                inputs.add(new int[] {blockInput});
                inputs.add(new int[] {index(level, block, "a")});
                if (block == 0 && level > 2) {
                    inputs.add(new int[] {blockInput});
                }
            }
        }
        return inputs;
    }

    /** Multiply-accumulates per input pixel of the encoder's convs at the filter counts of {@code config}. */
    static double macsPerPixel(UNetConfig config) {
        List<String> names = convNames();
        List<int[]> inputs = inputs();
        double macs = 0;
        for (int i = 0; i < names.size(); i++) {
            int in = inputs.get(i).length == 0 ? UNetConfig.INPUT_CHANNELS : config.filters(inputs.get(i)[0]);
            int kernel = i == 2 ? 7 : names.get(i).endsWith("down") ? 1 : 3;
            macs += (double) kernel * kernel * in * config.filters(i) / (1L << (2 * level(i)));
        }
        return macs;
    }

    /** The blocks of stages 0..5 at the filter counts of {@code config}; stage 1 reads the RGB input. */
    static List<Block> stages(UNetConfig config, boolean fused) {
        List<Block> stages = new ArrayList<>();
        stages.add(new SequentialBlock().add(UNetBlock.convBn(config.filters(0), 3, 1, true, fused))
                .add(UNetBlock.convBn(config.filters(1), 3, 1, true, fused)));
        stages.add(UNetBlock.convBn(config.filters(2), 7, 2, true, fused));
        for (int level = 2; level <= DEPTH; level++) {
            SequentialBlock stage = new SequentialBlock();
            if (level == 2) {
                stage.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
            }
            for (int block = 0; block < BLOCKS[level - 2]; block++) {
                boolean first = block == 0 && level > 2;
                stage.add(new BasicBlock(config.filters(index(level, block, "a")),
                        config.filters(index(level, block, "b")), first ? 2 : 1, first, fused));
            }
            stages.add(stage);
        }
        return stages;
    }

    /** Two 3x3 conv + batch norm, ReLU between; plus the shortcut; ReLU after the sum. */
    static final class BasicBlock extends AbstractBlock {
        private static final byte VERSION = 1;
        private final int filters;
        private final int stride;
        private final Block first;
        private final Block second;
        private final Block shortcut;

        /** {@code inner} filters in the first conv, {@code filters} in the second and the shortcut (the output). */
        BasicBlock(int inner, int filters, int stride, boolean projection, boolean fused) {
            super(VERSION);
            this.filters = filters;
            this.stride = stride;
            first = addChildBlock("a", UNetBlock.convBn(inner, 3, stride, true, fused));
            second = addChildBlock("b", UNetBlock.convBn(filters, 3, 1, false, fused));
            shortcut = projection ? addChildBlock("down", UNetBlock.convBn(filters, 1, stride, false, fused)) : null;
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray y = first.forward(store, inputs, training, params).singletonOrThrow();
            y = second.forward(store, new NDList(y), training, params).singletonOrThrow();
            NDArray identity = shortcut == null ? x : shortcut.forward(store, inputs, training, params).singletonOrThrow();
            return new NDList(Activation.relu(y.add(identity)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape in = inputShapes[0];
            return new Shape[] {new Shape(in.get(0), filters, in.get(2) / stride, in.get(3) / stride)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape in = inputShapes[0];
            first.initialize(manager, dataType, in);
            second.initialize(manager, dataType, first.getOutputShapes(inputShapes));
            if (shortcut != null) {
                shortcut.initialize(manager, dataType, in);
            }
        }
    }
}
