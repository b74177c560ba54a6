package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Convolutions that, while gradients are recorded, compute on channel counts that are multiples of 16: the input and
 * the kernel get zero channels, the extra output channels are cut off again. Same parameters, same result and the
 * same gradients as a plain Conv2d. In inference only input widths above 16 are aligned (see below).
 *
 * <p>Why: on AVX-512 CPUs such as AMD EPYC (not on a Sapphire Rapids Xeon with AMX) PyTorch 2.7.1's oneDNN
 * training kernels give non-finite gradients when a width is not a multiple of their 16-channel block (padded
 * blocks), so training a base-8 U-Net or fine-tuning a filter-pruned one turned to NaN at step 2 (see STACK.md).
 * Widths that are already multiples of 16 pass through untouched (base 16 pays only for its one-channel head); three input
 * channels (the RGB image) take oneDNN's first-layer kernel, which trains correctly, and stay as they are.
 * Inference on those CPUs is wrong too, but only for more than 16 input channels off the block (24 input channels
 * at 32x32 were off by ~10 against a float64 reference; 4..16, 32 and any output width were right): inference
 * pads the input channels of such convs only, so narrow and block-aligned pruned models keep their speed.
 */
final class ChannelAligned {
    static final int CHANNEL_BLOCK = 16;
    private static final int IMAGE_CHANNELS = UNetConfig.INPUT_CHANNELS;

    private ChannelAligned() {
    }

    /** {@code channels} rounded up to a whole number of blocks. */
    static long aligned(long channels) {
        return (channels + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK * CHANNEL_BLOCK;
    }

    /**
     * The aligned convolution. Its simple name is {@code Conv2d} on purpose: DJL names a block's parameters after
     * its class's simple name inside a SequentialBlock, so model files stay the same.
     */
    static final class Conv2d extends ai.djl.nn.convolutional.Conv2d {
        Conv2d(ai.djl.nn.convolutional.Conv2d.Builder builder) {
            super(builder);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray input = inputs.singletonOrThrow();
            NDArray kernel = store.getValue(weight, input.getDevice(), training);
            NDArray offsets = includeBias ? store.getValue(bias, input.getDevice(), training) : null;
            long in = kernel.getShape().get(1);
            long out = kernel.getShape().get(0);
            boolean recording = JniUtils.isGradMode();
            long alignedIn = in == IMAGE_CHANNELS || (!recording && in < CHANNEL_BLOCK) ? in : aligned(in);
            long alignedOut = recording ? aligned(out) : out;
            if (groups != 1 || (alignedIn == in && alignedOut == out)) {
                return conv2d(input, kernel, offsets, stride, padding, dilation, groups);
            }
            NDManager step = input.getManager(); // the padded copies live as long as this forward's activations
            NDArray x = padChannels(input, 1, alignedIn, step);
            NDArray w = padChannels(padChannels(kernel, 1, alignedIn, step), 0, alignedOut, step);
            NDArray b = offsets == null ? null : padChannels(offsets, 0, alignedOut, step);
            NDArray y = conv2d(x, w, b, stride, padding, dilation, groups).singletonOrThrow();
            return new NDList(alignedOut == out ? y : y.get(new NDIndex(":, :{}", out)));
        }

        /** {@code array} with zero channels appended along {@code axis}; every new array belongs to {@code owner}. */
        private static NDArray padChannels(NDArray array, int axis, long channels, NDManager owner) {
            long missing = channels - array.getShape().get(axis);
            if (missing == 0) {
                return array;
            }
            long[] zerosShape = array.getShape().getShape().clone(); // getShape() is the live array
            zerosShape[axis] = missing;
            NDArray padded = array.concat(owner.zeros(new Shape(zerosShape), array.getDataType()), axis);
            padded.attach(owner); // a parameter's manager lives as long as the model: per-step copies must not
            return padded;
        }
    }
}
