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
 * before the upsampled ones, and two more conv blocks. The head, a conv of {@link UNetConfig#headKernel()} ("same"
 * padding, with bias), gives one output channel, unactivated.
 * With the {@link ResNetEncoder ResNet-34 encoder} the stages downsample themselves (no max-pool between them)
 * and stage 1 reads the input image.
 */
final class UNetBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    /** DJL's convention: the weight of the old running statistic in each update. */
    static final float BATCH_NORM_MOMENTUM = 0.9f;
    /** DJL's batch norm adds this (its default) to the running variance before the square root. */
    static final float BATCH_NORM_EPSILON = 1e-5f;

    private final UNetConfig config;
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> ups = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>();
    private final Block head;

    /** {@code fused}: an inference-only network whose convs carry their batch norm in weights and bias. */
    UNetBlock(UNetConfig config, boolean fused) {
        super(VERSION);
        this.config = config;
        List<Block> stages = config.resnet() ? ResNetEncoder.stages(config, fused) : null;
        for (int level = 0; level <= config.depth(); level++) {
            encoders.add(addChildBlock("enc" + level, stages != null ? stages.get(level)
                    : doubleConv(config.filters(config.encoderLayer(level, false)),
                            config.filters(config.encoderLayer(level, true)), fused)));
        }
        for (int level = config.depth() - 1; level >= 0; level--) {
            ups.add(addChildBlock("up" + level, convBn(config.filters(config.upLayer(level)), 3, 1, true, fused)));
            decoders.add(addChildBlock("dec" + level, doubleConv(config.filters(config.decoderLayer(level, false)),
                    config.filters(config.decoderLayer(level, true)), fused)));
        }
        int kernel = config.headKernel();
        head = addChildBlock("head", new ChannelAligned.Conv2d(Conv2d.builder().setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2)).setFilters(1)));
    }

    UNetConfig config() {
        return config;
    }

    private static SequentialBlock doubleConv(int first, int second, boolean fused) {
        return new SequentialBlock().add(convBn(first, 3, 1, true, fused)).add(convBn(second, 3, 1, true, fused));
    }

    /**
     * A conv of odd {@code kernel} ("same" padding, no bias) and its batch norm, then a ReLU if asked; when
     * {@code fused}, a conv with bias in place of both.
     */
    static SequentialBlock convBn(int filters, int kernel, int stride, boolean relu, boolean fused) {
        SequentialBlock block = new SequentialBlock()
                .add(new ChannelAligned.Conv2d(Conv2d.builder().setKernelShape(new Shape(kernel, kernel))
                        .optPadding(new Shape(kernel / 2, kernel / 2)).optStride(new Shape(stride, stride))
                        .setFilters(filters).optBias(fused)));
        if (!fused) {
            block.add(BatchNorm.builder().optMomentum(BATCH_NORM_MOMENTUM).build());
        }
        return relu ? block.add(Activation.reluBlock()) : block;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return NativeSteps.call(() -> forwardPass(store, inputs, training, params));
    }

    private NDList forwardPass(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray x = input;
        List<NDArray> skips = new ArrayList<>();
        for (int level = 0; level <= config.depth(); level++) {
            if (level > 0 && !config.resnet()) {
                x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            } else if (level == 1) {
                x = input; // the ResNet stem reads the image
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
            // ResNet stages downsample themselves: they take the previous stage's resolution
            int inputLevel = config.resnet() ? Math.max(0, level - 1) : level;
            long inChannels = config.resnet() && level == 1 ? in.get(1) : channels;
            encoders.get(level).initialize(manager, dataType,
                    new Shape(batch, inChannels, height >> inputLevel, width >> inputLevel));
            channels = config.encoderWidth(level);
        }
        for (int i = 0; i < config.depth(); i++) {
            int level = config.depth() - 1 - i;
            long h = height >> level;
            long w = width >> level;
            ups.get(i).initialize(manager, dataType, new Shape(batch, channels, h, w));
            long joined = config.encoderWidth(level) + config.filters(config.upLayer(level));
            decoders.get(i).initialize(manager, dataType, new Shape(batch, joined, h, w));
            channels = config.filters(config.decoderLayer(level, true));
        }
        head.initialize(manager, dataType, new Shape(batch, channels, height, width));
    }
}
