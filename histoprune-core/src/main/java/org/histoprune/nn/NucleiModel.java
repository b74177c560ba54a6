package org.histoprune.nn;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.initializer.XavierInitializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.histoprune.image.RgbImage;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.SlideReader;

/**
 * A segmentation + regression U-Net pair, the unit that is trained, saved, pruned and used for prediction.
 * Holds native memory: close it.
 */
public final class NucleiModel implements AutoCloseable {
    /** Parameter names of encoder stages: DJL prefixes a child's parameters with its index and name. */
    private static final java.util.regex.Pattern ENCODER_PARAMETER = java.util.regex.Pattern.compile("\\d+enc\\d");

    private final UNetConfig config;
    private final Map<Branch, Model> models = new EnumMap<>(Branch.class);
    private final Map<Branch, List<UNetLayers.Layer>> layers = new EnumMap<>(Branch.class);
    private final MaskSet masks = new MaskSet();
    private final boolean fused;
    private volatile Provenance provenance;
    private volatile boolean closed;

    private NucleiModel(UNetConfig config, Provenance provenance) {
        this(config, provenance, false);
    }

    private NucleiModel(UNetConfig config, Provenance provenance, boolean fused) {
        this.config = config;
        this.provenance = provenance;
        this.fused = fused;
        for (Branch branch : Branch.values()) {
            Model model = Model.newInstance(branch.key());
            model.setBlock(new UNetBlock(config, fused));
            models.put(branch, model);
            layers.put(branch, UNetLayers.of(model.getBlock(), config));
        }
    }

    /** A freshly initialised (He-normal weights) model; {@code seed} makes the weights repeatable. */
    public static NucleiModel create(UNetConfig config, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        NucleiModel model = new NucleiModel(config, Provenance.untrained());
        int side = config.sizeMultiple();
        for (Model branch : model.models.values()) {
            Block block = branch.getBlock();
            block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                    XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
            block.initialize(branch.getNDManager(), DataType.FLOAT32, new Shape(1, UNetConfig.INPUT_CHANNELS, side, side));
        }
        return model;
    }

    public static NucleiModel load(Path file) {
        ModelFile.Header header = ModelFile.readHeader(file);
        NucleiModel model = new NucleiModel(header.unet(), header.provenance());
        try {
            ModelFile.readWeights(file, header, model.models);
            ModelFile.readMasks(file).forEach(model.masks::put);
            // grad mode is per thread and on in a fresh one, where masking a weight in place would fail
            JniUtils.setGradMode(false);
            for (Branch branch : Branch.values()) {
                model.applyMasks(branch);
            }
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The architecture recorded in a model file, read without loading its weights (or the native engine). */
    public static UNetConfig architectureOf(Path file) {
        return ModelFile.readHeader(file).unet();
    }

    /** The dense model shipped in the jar, or empty when this build has none. */
    public static java.util.Optional<NucleiModel> loadBundled() throws IOException {
        return BundledModel.DENSE.load();
    }

    /** Copies the dense model shipped in the jar to a file, atomically; false when this build has none. */
    public static boolean copyBundled(Path target) throws IOException {
        return BundledModel.DENSE.copyTo(target);
    }

    /**
     * An inference-only copy (to close) that predicts what this model predicts, faster: every batch norm is folded
     * into the conv before it (w * gamma / sqrt(var + eps), bias beta - mean * gamma / sqrt(var + eps)), so a
     * conv block is one convolution and a ReLU. It cannot be saved, trained or pruned.
     */
    public NucleiModel forInference() {
        NucleiModel copy = new NucleiModel(config, provenance, true);
        int side = config.sizeMultiple();
        for (Branch branch : Branch.values()) {
            Model target = copy.models.get(branch);
            target.getBlock().initialize(target.getNDManager(), DataType.FLOAT32,
                    new Shape(1, UNetConfig.INPUT_CHANNELS, side, side));
            List<UNetLayers.Layer> from = layers(branch);
            List<UNetLayers.Layer> to = copy.layers(branch);
            for (int i = 0; i < from.size(); i++) {
                BatchNormFolding.fold(from.get(i), to.get(i));
            }
        }
        return copy;
    }

    /** Writes architecture, float32 weights of both branches and provenance to one file, atomically. */
    public void save(Path file) throws IOException {
        save(file, Precision.FLOAT32);
    }

    /** As {@link #save(Path)}; float16 halves the file at a precision loss that prediction does not notice. */
    public void save(Path file, Precision precision) throws IOException {
        requireTrainable();
        ModelFile.write(file, config, provenance, models, masks.all(), precision, Map.of());
    }

    /** A training checkpoint: the model in float32 with the optimizer state of each branch. */
    void saveCheckpoint(Path file, Map<Branch, Adam> optimizers) throws IOException {
        requireTrainable();
        ModelFile.write(file, config, provenance, models, masks.all(), Precision.FLOAT32, optimizers);
    }

    public UNetConfig config() {
        return config;
    }

    public Provenance provenance() {
        return provenance;
    }

    public void setProvenance(Provenance provenance) {
        this.provenance = provenance;
    }

    /** Trainable parameters of one branch. */
    public long parameterCount(Branch branch) {
        long count = 0;
        for (var parameter : block(branch).getParameters().values()) {
            if (parameter.requiresGradient() && parameter.isInitialized()) {
                count += parameter.getArray().size();
            }
        }
        return count;
    }

    /** Predicts a whole in-memory image tile by tile. */
    public Prediction predict(RgbImage image, TilingOptions options) {
        checkOpen();
        return new TiledPredictor(this, options).predict(TileSource.of(image), 0, 0, image.width(), image.height());
    }

    /** Predicts one level-0 region of a slide, reading only the tiles it needs. */
    public Prediction predict(SlideReader slide, int x, int y, int width, int height, TilingOptions options) {
        return predict(slide, 0, x, y, width, height, options);
    }

    /** Predicts a region of one pyramid level of a slide (coordinates in that level's pixels). */
    public Prediction predict(SlideReader slide, int level, int x, int y, int width, int height,
            TilingOptions options) {
        checkOpen();
        return new TiledPredictor(this, options).predict(TileSource.of(slide, level), x, y, width, height);
    }

    /**
     * Initialises the encoders of both branches from a model file: a {@value UNetConfig#RESNET34} model of the
     * same base width (e.g. one trained elsewhere), whose segmentation branch gives every encoder parameter
     * (stages enc0..enc5, batch-norm statistics included). The decoders keep their weights.
     */
    public void loadEncoderWeights(Path file) {
        if (!config.resnet()) {
            throw new IllegalArgumentException("encoder weights need the " + UNetConfig.RESNET34 + " encoder");
        }
        try (NucleiModel source = load(file)) {
            if (!source.config().resnet() || source.config().base() != config.base()) {
                throw new InvalidInputException(file, "encoder weights must come from a " + UNetConfig.RESNET34
                        + " model of base " + config.base() + "; this file holds a " + source.config().encoder()
                        + " model of base " + source.config().base());
            }
            var from = source.block(Branch.SEGMENTATION).getParameters();
            for (Branch branch : Branch.values()) {
                for (var parameter : block(branch).getParameters()) {
                    if (ENCODER_PARAMETER.matcher(parameter.getKey()).lookingAt()) {
                        parameter.getValue().getArray().set(from.get(parameter.getKey()).getArray().toFloatArray());
                    }
                }
            }
        }
    }

    /**
     * Initialises both branches, batch-norm statistics included, from a model file of the same architecture: the
     * start of a fine-tuning run. A file with the legacy 1x1 head may start a 3x3-head model: its head becomes the
     * centre tap of the 3x3 kernel, the other taps 0, so the network starts out computing the file's function.
     */
    public void loadInitialWeights(Path file) {
        try (NucleiModel source = load(file)) {
            UNetConfig sourceConfig = source.config();
            boolean widenHead = sourceConfig.headKernel() == UNetConfig.LEGACY_HEAD_KERNEL
                    && config.headKernel() == UNetConfig.PAPER_HEAD_KERNEL;
            UNetConfig comparable = widenHead ? sourceConfig.withHeadKernel(config.headKernel()) : sourceConfig;
            if (!comparable.equals(config)) {
                throw new InvalidInputException(file, "initial weights must come from a model of the same architecture ("
                        + config + "); this file holds " + sourceConfig);
            }
            for (Branch branch : Branch.values()) {
                var from = source.block(branch).getParameters();
                for (var parameter : block(branch).getParameters()) {
                    NDArray target = parameter.getValue().getArray();
                    NDArray value = from.get(parameter.getKey()).getArray();
                    target.set(value.getShape().equals(target.getShape()) ? value.toFloatArray()
                            : centreTap(value.toFloatArray(), target.getShape()));
                }
            }
        }
    }

    /** A 1x1 kernel (out, in, 1, 1) placed at the centre of a k x k kernel of {@code shape}, zeros elsewhere. */
    private static float[] centreTap(float[] pointwise, Shape shape) {
        int k = (int) shape.get(3);
        float[] kernel = new float[(int) shape.size()];
        for (int i = 0; i < pointwise.length; i++) {
            kernel[i * k * k + (k / 2) * k + k / 2] = pointwise[i];
        }
        return kernel;
    }

    /**
     * Re-estimates the batch-norm statistics of both branches from {@code crops} un-augmented crops of the
     * training images in {@code data} (after pruning, before retraining); weights are not changed.
     */
    public void recalibrateBatchNorm(Path data, int crops, int crop, long seed) {
        recalibrateBatchNorm(List.of(Branch.values()), data, crops, crop, seed);
    }

    /** As {@link #recalibrateBatchNorm(Path, int, int, long)}, for some branches only (the others keep theirs). */
    public void recalibrateBatchNorm(List<Branch> branches, Path data, int crops, int crop, long seed) {
        BatchNormCalibration.run(this, branches, TrainingSample.loadFolder(data), crops, crop, seed);
    }

    /**
     * Replaces one branch (weights, batch-norm statistics and masks) by the same branch of {@code source}, which
     * must have the same architecture: merges two networks pruned separately into one model (the paper's Fig. 1).
     */
    public void copyBranch(Branch branch, NucleiModel source) {
        if (!source.config.equals(config)) {
            throw new IllegalArgumentException("cannot merge branches of different architectures: " + source.config
                    + " vs " + config);
        }
        var from = source.block(branch).getParameters().values();
        var to = block(branch).getParameters().values();
        for (int p = 0; p < to.size(); p++) {
            NDArray target = to.get(p).getArray();
            target.set(java.nio.FloatBuffer.wrap(from.get(p).getArray().toFloatArray()));
        }
        for (UNetLayers.Layer layer : layers.get(branch)) {
            String key = branch.key() + "/" + layer.name();
            MaskSet.Mask mask = source.masks.get(key);
            if (mask == null) {
                masks.remove(key);
            } else {
                masks.put(key, new MaskSet.Mask(mask.size(), (java.util.BitSet) mask.keep().clone()));
            }
        }
        applyMasks(branch);
    }

    /** The prunable weights and their masks. */
    public ModelWeights weights() {
        requireTrainable();
        return new ModelWeights(this);
    }

    private void requireTrainable() {
        if (fused) {
            throw new IllegalStateException("an inference copy (batch norm folded into the convs) only predicts");
        }
    }

    /** Zeroes the masked weights of one branch; called after every optimizer step so they stay 0. */
    void applyMasks(Branch branch) {
        for (UNetLayers.Layer layer : layers.get(branch)) {
            masks.apply(branch.key() + "/" + layer.name(), layer.weight().getArray());
        }
    }

    MaskSet masks() {
        return masks;
    }

    List<UNetLayers.Layer> layers(Branch branch) {
        return layers.get(branch);
    }

    Model model(Branch branch) {
        return models.get(branch);
    }

    Block block(Branch branch) {
        return models.get(branch).getBlock();
    }

    /** Whether {@link #close} was called: its native memory is gone. */
    public boolean isClosed() {
        return closed;
    }

    /** A closed model's tensors are freed: using them would read freed native memory, so it is an error here. */
    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the model was closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        masks.clear();
        models.values().forEach(Model::close);
    }
}
