package org.histoprune.nn;

/**
 * One prunable weight tensor of a branch: the kernel of a conv, up-conv or the head (never a bias or a
 * batch-norm parameter). Shape (outChannels, inChannels, kernel, kernel); {@code level} is its resolution
 * stage, so it runs on 1/4^level of the input pixels. {@code index} counts from 0 (the first conv) to the head.
 */
public record PrunableTensor(Branch branch, String layer, int index, int outChannels, int inChannels, int kernel,
        int level, boolean head) {
    /** Number of weights. */
    public long size() {
        return (long) outChannels * inChannels * kernel * kernel;
    }

    /** Weights per output filter. */
    public int filterSize() {
        return inChannels * kernel * kernel;
    }

    /** Multiply-accumulates per input pixel when dense (each weight is used once per output pixel). */
    public double macsPerPixel() {
        return size() / (double) (1L << (2 * level));
    }

    /** Unique name within a model, e.g. {@code segmentation/enc0.a}. */
    public String key() {
        return branch.key() + "/" + layer;
    }

    public boolean first() {
        return index == 0;
    }
}
