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
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The U-Net: per stage two 3x3 conv + batch norm + ReLU, max-pool down; on the way up nearest upsampling
 * x2 and a 3x3 conv (PyTorch in DJL has no transposed convolution), then the skip features concatenated
 * before the upsampled ones, and two more conv blocks. A 1x1 conv gives one output channel, unactivated.
 */
final class UNetBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    /** DJL's convention: the weight of the old running statistic in each update. */
    static final float BATCH_NORM_MOMENTUM = 0.9f;

    private final UNetConfig config;
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> ups = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>();
    private final Block head;

    UNetBlock(UNetConfig config) {
        super(VERSION);
        this.config = config;
        for (int level = 0; level <= config.depth(); level++) {
            encoders.add(addChildBlock("enc" + level, doubleConv(config.filters(config.encoderLayer(level, false)),
                    config.filters(config.encoderLayer(level, true)))));
        }
        for (int level = config.depth() - 1; level >= 0; level--) {
            ups.add(addChildBlock("up" + level, convBnRelu(config.filters(config.upLayer(level)), 3)));
            decoders.add(addChildBlock("dec" + level, doubleConv(config.filters(config.decoderLayer(level, false)),
                    config.filters(config.decoderLayer(level, true)))));
        }
        head = addChildBlock("head", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());
    }

    UNetConfig config() {
        return config;
    }

    private static SequentialBlock doubleConv(int first, int second) {
        return new SequentialBlock().add(convBnRelu(first, 3)).add(convBnRelu(second, 3));
    }

    private static SequentialBlock convBnRelu(int filters, int kernel) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optPadding(new Shape(kernel / 2, kernel / 2))
                        .setFilters(filters).optBias(false).build())
                .add(BatchNorm.builder().optMomentum(BATCH_NORM_MOMENTUM).build())
                .add(Activation.reluBlock());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        List<NDArray> skips = new ArrayList<>();
        for (int level = 0; level <= config.depth(); level++) {
            if (level > 0) {
                x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            }
            x = encoders.get(level).forward(store, new NDList(x), training, params).singletonOrThrow();
            skips.add(x);
        }
        for (int i = 0; i < config.depth(); i++) {
            int level = config.depth() - 1 - i;
            NDArray up = x.repeat(2, 2).repeat(3, 2);
            up = ups.get(i).forward(store, new NDList(up), training, params).singletonOrThrow();
            NDArray joined = skips.get(level).concat(up, 1);
            x = decoders.get(i).forward(store, new NDList(joined), training, params).singletonOrThrow();
        }
        return head.forward(store, new NDList(x), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), 1, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long batch = in.get(0);
        long height = in.get(2);
        long width = in.get(3);
        long channels = in.get(1);
        for (int level = 0; level <= config.depth(); level++) {
            long h = height >> level;
            long w = width >> level;
            encoders.get(level).initialize(manager, dataType, new Shape(batch, channels, h, w));
            channels = config.filters(config.encoderLayer(level, true));
        }
        for (int i = 0; i < config.depth(); i++) {
            int level = config.depth() - 1 - i;
            long h = height >> level;
            long w = width >> level;
            ups.get(i).initialize(manager, dataType, new Shape(batch, channels, h, w));
            long joined = config.filters(config.encoderLayer(level, true)) + config.filters(config.upLayer(level));
            decoders.get(i).initialize(manager, dataType, new Shape(batch, joined, h, w));
            channels = config.filters(config.decoderLayer(level, true));
        }
        head.initialize(manager, dataType, new Shape(batch, channels, height, width));
    }
}
