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

    /** Output channels of stage {@code level}. */
    static int width(int base, int level) {
        return level == 0 ? base : level == 1 ? base << 2 : base << level;
    }

    /** Names of the encoder's convs in construction order: enc0.a, enc0.b, enc1, then enc<l>.<block>.a|b|down. */
    static List<String> convNames() {
        List<String> names = new ArrayList<>(List.of("enc0.a", "enc0.b", "enc1"));
        for (int level = 2; level <= DEPTH; level++) {
            for (int block = 0; block < BLOCKS[level - 2]; block++) {
                names.add("enc" + level + "." + block + ".a");
                names.add("enc" + level + "." + block + ".b");
                if (block == 0 && level > 2) {
                    names.add("enc" + level + "." + block + ".down");
                }
            }
        }
        return names;
    }

    /** Output filters of encoder conv {@code index} of {@link #convNames()}. */
    static int filters(int base, int index) {
        String name = convNames().get(index);
        return width(base, Character.getNumericValue(name.charAt(3)));
    }

    /** Multiply-accumulates per input pixel of the encoder's convs. */
    static double macsPerPixel(int base) {
        double macs = 9.0 * (UNetConfig.INPUT_CHANNELS * base + base * base) + 49.0 * UNetConfig.INPUT_CHANNELS
                * width(base, 1) / 4;
        int in = width(base, 1);
        for (int level = 2; level <= DEPTH; level++) {
            int out = width(base, level);
            double pixels = 1.0 / (1L << (2 * level));
            for (int block = 0; block < BLOCKS[level - 2]; block++) {
                int blockIn = block == 0 ? in : out;
                macs += pixels * (9.0 * blockIn * out + 9.0 * out * out + (block == 0 && level > 2 ? blockIn * out : 0));
            }
            in = out;
        }
        return macs;
    }

    /** The blocks of stages 0..5; stage 1 reads the RGB input, every other stage the stage before it. */
    static List<Block> stages(int base) {
        List<Block> stages = new ArrayList<>();
        stages.add(new SequentialBlock().add(UNetBlock.convBn(base, 3, 1, true)).add(UNetBlock.convBn(base, 3, 1, true)));
        stages.add(UNetBlock.convBn(width(base, 1), 7, 2, true));
        for (int level = 2; level <= DEPTH; level++) {
            SequentialBlock stage = new SequentialBlock();
            if (level == 2) {
                stage.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
            }
            for (int block = 0; block < BLOCKS[level - 2]; block++) {
                boolean first = block == 0 && level > 2;
                stage.add(new BasicBlock(width(base, level), first ? 2 : 1, first));
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

        BasicBlock(int filters, int stride, boolean projection) {
            super(VERSION);
            this.filters = filters;
            this.stride = stride;
            first = addChildBlock("a", UNetBlock.convBn(filters, 3, stride, true));
            second = addChildBlock("b", UNetBlock.convBn(filters, 3, 1, false));
            shortcut = projection ? addChildBlock("down", UNetBlock.convBn(filters, 1, stride, false)) : null;
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
            second.initialize(manager, dataType, getOutputShapes(inputShapes));
            if (shortcut != null) {
                shortcut.initialize(manager, dataType, in);
            }
        }
    }
}
