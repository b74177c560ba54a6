package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The padded training path computes what a float64 convolution computes, gradients included; inference on
 * wide inputs off the channel block is right.
 */
class ChannelAlignedTest {

    @ParameterizedTest(name = "{0} -> {1} channels, {2}x{2} kernel, stride {3}, bias {4}")
    @CsvSource({"8, 8, 3, 1, false", "3, 12, 3, 1, false", "24, 1, 1, 1, true", "20, 40, 3, 2, false",
            "16, 16, 3, 1, false"})
    void matchesThePlainConvolutionInOutputAndGradients(int in, int out, int kernel, int stride, boolean bias) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ChannelAligned.Conv2d conv = new ChannelAligned.Conv2d(Conv2d.builder().setKernelShape(new Shape(kernel, kernel))
                    .optPadding(new Shape(kernel / 2, kernel / 2)).optStride(new Shape(stride, stride))
                    .setFilters(out).optBias(bias));
            Shape inputShape = new Shape(2, in, 12, 12);
            conv.initialize(manager, DataType.FLOAT32, inputShape);
            NDArray input = manager.create(random(inputShape.size(), 1), inputShape);
            NDArray upstream = manager.create(random(2L * out * (12 / stride) * (12 / stride), 2),
                    new Shape(2, out, 12 / stride, 12 / stride));

            NDArray weight = conv.getParameters().get("weight").getArray();
            NDArray offsets = bias ? conv.getParameters().get("bias").getArray() : null;
            Result aligned = run(input, weight, upstream, () -> conv.forward(new ParameterStore(manager, false),
                    new NDList(input), true).singletonOrThrow());
            // float64 reference: on AVX-512 EPYC the plain float32 training convolution is itself wrong off 16 channels
            NDArray plainInput = input.toType(DataType.FLOAT64, true);
            NDArray plainWeight = weight.toType(DataType.FLOAT64, true);
            NDArray plainOffsets = bias ? offsets.toType(DataType.FLOAT64, true) : null;
            Result plain = run(plainInput, plainWeight, upstream.toType(DataType.FLOAT64, true),
                    () -> Conv2d.conv2d(plainInput, plainWeight, plainOffsets, new Shape(stride, stride),
                            new Shape(kernel / 2, kernel / 2), new Shape(1, 1), 1).singletonOrThrow());

            assertEquals(plain.output().length, aligned.output().length);
            assertArrayEquals(plain.output(), aligned.output(), 1e-3f);
            assertArrayEquals(plain.inputGradient(), aligned.inputGradient(), 1e-3f);
            assertArrayEquals(plain.weightGradient(), aligned.weightGradient(), 1e-3f);
        }
    }

    /** oneDNN's float32 inference on AVX-512 EPYC got 24 input channels at 32x32 wrong by ~10; float64 takes other kernels. */
    @ParameterizedTest(name = "{0} input channels, {1}x{1} pixels")
    @CsvSource({"24, 32", "20, 64", "40, 32", "12, 32", "32, 32"})
    void inferenceMatchesADoublePrecisionReference(int in, int side) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ChannelAligned.Conv2d conv = new ChannelAligned.Conv2d(Conv2d.builder().setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1)).setFilters(8).optBias(false));
            Shape inputShape = new Shape(1, in, side, side);
            conv.initialize(manager, DataType.FLOAT32, inputShape);
            NDArray input = manager.create(random(inputShape.size(), 3), inputShape);
            boolean recording = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            float[] output;
            try {
                output = conv.forward(new ParameterStore(manager, false), new NDList(input), false).singletonOrThrow()
                        .toFloatArray();
            } finally {
                JniUtils.setGradMode(recording);
            }
            NDArray weight = conv.getParameters().get("weight").getArray().toType(DataType.FLOAT64, true);
            float[] reference = Conv2d.conv2d(input.toType(DataType.FLOAT64, true), weight, null, new Shape(1, 1),
                    new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow().toType(DataType.FLOAT32, false).toFloatArray();
            assertArrayEquals(reference, output, 1e-3f);
        }
    }

    private record Result(float[] output, float[] inputGradient, float[] weightGradient) {
    }

    private static Result run(NDArray input, NDArray weight, NDArray upstream, Supplier<NDArray> forward) {
        input.setRequiresGradient(true);
        weight.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray output = forward.get();
            collector.backward(output.mul(upstream).sum());
            return new Result(floats(output), floats(input.getGradient()), floats(weight.getGradient()));
        }
    }

    private static float[] floats(NDArray array) {
        return array.toType(DataType.FLOAT32, false).toFloatArray();
    }

    private static float[] random(long size, long seed) {
        Random random = new Random(seed);
        float[] values = new float[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
