package org.histoprune.nn;

/**
 * Shape of a U-Net: {@code base} filters in the first stage, doubled at each of {@code depth} poolings.
 * Inputs are RGB; the output is one channel (logits for segmentation, a value for regression).
 */
public record UNetConfig(int base, int depth) {
    public static final int INPUT_CHANNELS = 3;

    public UNetConfig {
        if (base < 1 || base > 256) {
            throw new IllegalArgumentException("base width must be 1..256, got " + base);
        }
        if (depth < 1 || depth > 6) {
            throw new IllegalArgumentException("depth must be 1..6, got " + depth);
        }
    }

    public static UNetConfig defaults() {
        return new UNetConfig(16, 4);
    }

    public UNetConfig withBase(int newBase) {
        return new UNetConfig(newBase, depth);
    }

    public UNetConfig withDepth(int newDepth) {
        return new UNetConfig(base, newDepth);
    }

    /** Filters of stage {@code level} (0 = full resolution, {@code depth} = bottleneck). */
    public int width(int level) {
        return base << level;
    }

    /** Image sides must be a multiple of this so that every pooling halves exactly. */
    public int sizeMultiple() {
        return 1 << depth;
    }

    /** Multiply-accumulate operations of one forward pass per input pixel (3x3 and 1x1 convolutions). */
    public double macsPerPixel() {
        double macs = 0;
        int in = INPUT_CHANNELS;
        for (int level = 0; level <= depth; level++) {
            double scale = 1.0 / (1L << (2 * level));
            int out = width(level);
            macs += scale * 9.0 * (in * out + out * out);
            in = out;
        }
        for (int level = depth - 1; level >= 0; level--) {
            double scale = 1.0 / (1L << (2 * level));
            int out = width(level);
            // up-convolution from the coarser stage, then the double convolution on the concatenation
            macs += scale * 9.0 * (width(level + 1) * out + 2 * out * out + out * out);
        }
        return macs + width(0);
    }
}
