package org.histoprune.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Shape of a U-Net: {@code base} filters in the first stage, doubled at each of {@code depth} poolings.
 * Inputs are RGB; the output is one channel (logits for segmentation, a value for regression), given by a head
 * conv of {@code headKernel} x {@code headKernel} from the last decoder stage: {@value #PAPER_HEAD_KERNEL} as in
 * the seed paper (its Table 1 lets layer-wise pruning keep one of the head's 9 x base weights at CR 2^7), or
 * {@value #LEGACY_HEAD_KERNEL} in model files written before the head kernel was recorded.
 * {@code widths}, when not empty, overrides the filter count of every conv but the head (one entry per
 * {@link #layerNames()} entry): the shape of a network shrunk by filter pruning. Convs of one of
 * {@link #channelGroups()} have the same width.
 * <p>
 * {@code encoder} is {@value #PLAIN} (double convs and max-pooling) or {@value #RESNET34}: the seed paper's
 * ResNet-34 encoder (see {@link ResNetEncoder}) under the same decoder, with depth 5.
 */
public record UNetConfig(int base, int depth, List<Integer> widths, String encoder, int headKernel) {
    public static final int INPUT_CHANNELS = 3;
    public static final String PLAIN = "plain";
    public static final String RESNET34 = "resnet34";
    /** The seed paper's head: a 3x3 conv (padding 1) to the output channel. */
    public static final int PAPER_HEAD_KERNEL = 3;
    /** The head of model files that do not record one: a 1x1 conv. */
    public static final int LEGACY_HEAD_KERNEL = 1;
    /** Most filters in any conv: bounds what a model file can make {@code initialize} allocate. */
    public static final int MAX_WIDTH = 4096;

    public UNetConfig {
        encoder = encoder == null ? PLAIN : encoder;
        if (!encoder.equals(PLAIN) && !encoder.equals(RESNET34)) {
            throw new IllegalArgumentException("encoder must be " + PLAIN + " or " + RESNET34 + ", got " + encoder);
        }
        if (base < 1 || base > 256) {
            throw new IllegalArgumentException("base width must be 1..256, got " + base);
        }
        if (depth < 1 || depth > 6) {
            throw new IllegalArgumentException("depth must be 1..6, got " + depth);
        }
        widths = widths == null ? List.of() : List.copyOf(widths);
        if (encoder.equals(RESNET34) && depth != ResNetEncoder.DEPTH) {
            throw new IllegalArgumentException("the " + RESNET34 + " encoder has depth " + ResNetEncoder.DEPTH);
        }
        int convs = (encoder.equals(RESNET34) ? ResNetEncoder.convNames().size() : 2 * (depth + 1)) + 3 * depth;
        if (!widths.isEmpty() && widths.size() != convs) {
            throw new IllegalArgumentException("widths needs " + convs + " entries, got " + widths.size());
        }
        if (widths.stream().anyMatch(w -> w < 1 || w > MAX_WIDTH)) {
            throw new IllegalArgumentException("every layer needs 1.." + MAX_WIDTH + " filters: " + widths);
        }
        if ((long) base << depth > MAX_WIDTH) {
            throw new IllegalArgumentException("base " + base + " at depth " + depth + " makes layers wider than "
                    + MAX_WIDTH + " filters");
        }
        for (int[] group : channelGroups(encoder.equals(RESNET34), depth)) {
            for (int member : group) {
                if (!widths.isEmpty() && !widths.get(member).equals(widths.get(group[0]))) {
                    throw new IllegalArgumentException("convs " + group[0] + " and " + member
                            + " are tied by a residual sum and need the same width: " + widths);
                }
            }
        }
        if (headKernel != PAPER_HEAD_KERNEL && headKernel != LEGACY_HEAD_KERNEL) {
            throw new IllegalArgumentException("head kernel must be " + PAPER_HEAD_KERNEL + " or " + LEGACY_HEAD_KERNEL
                    + ", got " + headKernel);
        }
    }

    public UNetConfig(int base, int depth) {
        this(base, depth, List.of(), PLAIN, PAPER_HEAD_KERNEL);
    }

    public UNetConfig(int base, int depth, List<Integer> widths) {
        this(base, depth, widths, PLAIN, PAPER_HEAD_KERNEL);
    }

    public static UNetConfig defaults() {
        return new UNetConfig(16, 4);
    }

    public UNetConfig withBase(int newBase) {
        return new UNetConfig(newBase, depth, widths, encoder, headKernel);
    }

    public UNetConfig withDepth(int newDepth) {
        return new UNetConfig(base, newDepth, List.of(), encoder, headKernel);
    }

    public UNetConfig withWidths(List<Integer> newWidths) {
        return new UNetConfig(base, depth, newWidths, encoder, headKernel);
    }

    public UNetConfig withHeadKernel(int newHeadKernel) {
        return new UNetConfig(base, depth, widths, encoder, newHeadKernel);
    }

    /** The ResNet-34 variant (depth 5) of this base width, or the plain one (of this depth). */
    public UNetConfig withEncoder(String newEncoder) {
        return new UNetConfig(base, RESNET34.equals(newEncoder) ? ResNetEncoder.DEPTH : depth, List.of(), newEncoder,
                headKernel);
    }

    /** The same architecture before any filter pruning. */
    public UNetConfig dense() {
        return new UNetConfig(base, depth, List.of(), encoder, headKernel);
    }

    public boolean resnet() {
        return encoder.equals(RESNET34);
    }

    /** Output channels of encoder stage {@code level}, the skip features its decoder stage reads. */
    public int encoderWidth(int level) {
        return filters(stageOutput(level));
    }

    /** The conv whose output is encoder stage {@code level}'s output. */
    private int stageOutput(int level) {
        return resnet() ? ResNetEncoder.stageOutput(level) : encoderLayer(level, true);
    }

    /**
     * The convs before the head (indices into {@link #layerNames()}) in groups whose output channels are one set
     * of channels, so that a filter is removed from all of a group or none: with the ResNet-34 encoder, the convs
     * summed through residual connections (see {@link ResNetEncoder}); otherwise every conv on its own. Skip
     * concatenations tie nothing: the decoder reads the skip's channels, whatever their number.
     */
    public List<int[]> channelGroups() {
        return channelGroups(resnet(), depth);
    }

    private static List<int[]> channelGroups(boolean resnet, int depth) {
        List<int[]> groups = new ArrayList<>(resnet ? ResNetEncoder.groups() : List.of());
        int convs = (resnet ? ResNetEncoder.convNames().size() : 2 * (depth + 1)) + 3 * depth;
        for (int i = resnet ? ResNetEncoder.convNames().size() : 0; i < convs; i++) {
            groups.add(new int[] {i});
        }
        return groups;
    }

    /** For each conv (head last), the convs whose outputs it reads, in channel order; empty = the RGB input. */
    public List<int[]> inputs() {
        List<int[]> inputs = new ArrayList<>();
        if (resnet()) {
            inputs.addAll(ResNetEncoder.inputs());
        }
        for (int level = 0; level <= depth && !resnet(); level++) {
            inputs.add(level == 0 ? new int[0] : new int[] {encoderLayer(level - 1, true)});
            inputs.add(new int[] {encoderLayer(level, false)});
        }
        int previous = stageOutput(depth);
        for (int level = depth - 1; level >= 0; level--) {
            inputs.add(new int[] {previous});
            inputs.add(new int[] {stageOutput(level), upLayer(level)});
            inputs.add(new int[] {decoderLayer(level, false)});
            previous = decoderLayer(level, true);
        }
        inputs.add(new int[] {previous});
        return inputs;
    }

    /** Convs of the encoder, in {@link #layerNames()} order. */
    private int encoderConvs() {
        return resnet() ? ResNetEncoder.convNames().size() : 2 * (depth + 1);
    }

    /** Filters of stage {@code level} of the unpruned network (0 = full resolution, {@code depth} = bottleneck). */
    public int width(int level) {
        return base << level;
    }

    /**
     * The convs before the head, in construction order: {@code enc<l>.a, enc<l>.b} for l = 0..depth, then
     * {@code up<l>, dec<l>.a, dec<l>.b} for l = depth-1..0.
     */
    public List<String> layerNames() {
        List<String> names = new ArrayList<>();
        if (resnet()) {
            names.addAll(ResNetEncoder.convNames());
        }
        for (int level = 0; level <= depth && !resnet(); level++) {
            names.add("enc" + level + ".a");
            names.add("enc" + level + ".b");
        }
        for (int level = depth - 1; level >= 0; level--) {
            names.add("up" + level);
            names.add("dec" + level + ".a");
            names.add("dec" + level + ".b");
        }
        return names;
    }

    /** Output filters of layer {@code index} of {@link #layerNames()}. */
    public int filters(int index) {
        if (!widths.isEmpty()) {
            return widths.get(index);
        }
        int encoders = encoderConvs();
        if (resnet() && index < encoders) {
            return ResNetEncoder.filters(base, index);
        }
        return index < encoders ? width(index / 2) : width(depth - 1 - (index - encoders) / 3);
    }

    /** Index of the first ({@code second} false) or second conv of encoder stage {@code level}. */
    int encoderLayer(int level, boolean second) {
        return 2 * level + (second ? 1 : 0);
    }

    /** Index of the up-convolution into decoder stage {@code level}. */
    int upLayer(int level) {
        return encoderConvs() + 3 * (depth - 1 - level);
    }

    /** Index of the first or second conv of decoder stage {@code level}. */
    int decoderLayer(int level, boolean second) {
        return upLayer(level) + (second ? 2 : 1);
    }

    /**
     * Channels of the widest full-resolution feature map: decoder stage 0's input, the skip features and the
     * up-convolution's output side by side.
     */
    public int fullResolutionChannels() {
        return encoderWidth(0) + filters(upLayer(0));
    }

    /** Image sides must be a multiple of this so that every pooling halves exactly. */
    public int sizeMultiple() {
        return 1 << depth;
    }

    /** Multiply-accumulate operations of one forward pass per input pixel (every convolution, the head included). */
    public double macsPerPixel() {
        double macs = resnet() ? ResNetEncoder.macsPerPixel(this) : 0;
        int in = INPUT_CHANNELS;
        for (int level = 0; level <= depth && !resnet(); level++) {
            double scale = 1.0 / (1L << (2 * level));
            int a = filters(encoderLayer(level, false));
            int b = filters(encoderLayer(level, true));
            macs += scale * 9.0 * (in * a + a * b);
            in = b;
        }
        in = resnet() ? encoderWidth(depth) : in;
        for (int level = depth - 1; level >= 0; level--) {
            double scale = 1.0 / (1L << (2 * level));
            int up = filters(upLayer(level));
            int a = filters(decoderLayer(level, false));
            int b = filters(decoderLayer(level, true));
            // up-convolution from the coarser stage, then the double convolution on the concatenation
            macs += scale * 9.0 * (in * up + (encoderWidth(level) + up) * a + a * b);
            in = b;
        }
        return macs + (double) in * headKernel * headKernel;
    }
}
