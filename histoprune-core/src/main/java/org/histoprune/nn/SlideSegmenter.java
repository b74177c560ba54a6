package org.histoprune.nn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.histoprune.image.ConnectedComponents;
import org.histoprune.image.Connectivity;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.Nucleus;
import org.histoprune.io.NucleusMeasurements;
import org.histoprune.io.SlideReader;
import org.histoprune.segment.InstanceParameters;
import org.histoprune.segment.InstancePipeline;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * Segments a region of a slide of any size block by block, so memory stays bounded: the region is cut into square
 * block cores, each predicted and run through the instance pipeline with a margin of context around it. A
 * nucleus belongs to the first block (raster order) whose core it touches; that block emits it, and its pixels
 * that reach into later cores are carried over to them, so no nucleus is cut or repeated at block borders as long
 * as the margin exceeds a nucleus. Each core is final once its block is done.
 * <p>
 * The pipeline's Gaussian sigma must be the same in every block: unless fixed, it is derived once, from the mean
 * area of the foreground clumps of the first block with nuclei.
 * <p>
 * Besides the sequential {@link #run}, {@link #sharedSigma} and {@link #blockNuclei} give each block's nuclei on
 * their own, for segmenting the blocks of many slides as independent tasks (the Spark module).
 */
public final class SlideSegmenter {
    /** A rectangle of one pyramid level, in that level's pixels. */
    public record Region(int level, int x, int y, int width, int height) {
        public Region {
            if (level < 0 || width <= 0 || height <= 0) {
                throw new IllegalArgumentException("bad region level " + level + " " + width + "x" + height);
            }
        }
    }

    /** Block cores of {@code block} pixels, predicted with {@code margin} pixels of context on each side. */
    public record Blocks(int block, int margin) {
        public Blocks {
            if (block < 16 || margin < 0) {
                throw new IllegalArgumentException("block must be >= 16 and margin >= 0");
            }
        }

        /** Number of block cores a region is cut into. */
        public int count(Region region) {
            return Math.toIntExact(((region.width() + (long) block - 1) / block)
                    * ((region.height() + (long) block - 1) / block));
        }
    }

    /**
     * One finished block core, relative to the region: its final labels (global nucleus ids), pixels and maps.
     * Nuclei are in level-0 pixel coordinates; their sizes are in pixels of the processed level.
     */
    public record Core(int x, int y, LabelImage labels, RgbImage image, Prediction maps, List<Nucleus> nuclei) {
    }

    /** Receives the cores in raster order. */
    @FunctionalInterface
    public interface Sink {
        void accept(Core core, int done, int total) throws IOException;
    }

    private final NucleiModel model;
    private final InstanceParameters parameters;
    private final Blocks blocks;
    private final TilingOptions tiling;

    public SlideSegmenter(NucleiModel model, InstanceParameters parameters, Blocks blocks, TilingOptions tiling) {
        this.model = model;
        this.parameters = parameters;
        this.blocks = blocks;
        this.tiling = tiling;
    }

    /**
     * The merge step's sigma every block of a region shares: blocks from {@code fromBlock} on use {@code sigma};
     * blocks before it (no foreground to learn the size from) and all blocks when sigma is NaN derive their own.
     */
    public record SharedSigma(int fromBlock, double sigma) implements java.io.Serializable {
    }

    /** Number of block cores a region is cut into. */
    public int blockCount(Region region) {
        return blocks.count(region);
    }

    /**
     * Runs over the whole region; returns the number of nuclei. Throws CancellationException when
     * {@code cancelled} turns true (checked before every tile is read).
     */
    public int run(SlideReader slide, Region region, Sink sink, BooleanSupplier cancelled) throws IOException {
        return new Run(slide, region, sink, cancelled).all();
    }

    /**
     * The sigma a {@link #run} of this region settles on, found the same way (the first block in raster order with
     * foreground), for segmenting its blocks independently with {@link #blockNuclei}.
     */
    public SharedSigma sharedSigma(SlideReader slide, Region region) {
        checkInside(slide, region);
        if (blockCount(region) == 1 || !Double.isNaN(parameters.fixedSigma())) {
            return new SharedSigma(0, parameters.fixedSigma());
        }
        TileSource tiles = TileSource.of(slide, region.level());
        for (int index = 0; index < blockCount(region); index++) {
            OptionalDouble sigma = derivedSigma(predict(tiles, region, bounds(region, index)));
            if (sigma.isPresent()) {
                return new SharedSigma(index, sigma.getAsDouble());
            }
        }
        return new SharedSigma(Integer.MAX_VALUE, Double.NaN);
    }

    /**
     * The nuclei that block {@code index} of a {@link #run} emits, computed on their own: ids count from 1 in the
     * order the run numbers them, so the run's ids are these plus the number of nuclei of the blocks before.
     * Each nucleus of the region belongs to exactly one block, so the blocks may be segmented anywhere, in any order.
     */
    public List<Nucleus> blockNuclei(SlideReader slide, Region region, int index, SharedSigma sigma)
            throws IOException {
        checkInside(slide, region);
        if (index < 0 || index >= blockCount(region)) {
            throw new IllegalArgumentException("block " + index + " of " + blockCount(region));
        }
        Bounds bounds = bounds(region, index);
        Prediction prediction = predict(TileSource.of(slide, region.level()), region, bounds);
        InstancePipeline pipeline = index >= sigma.fromBlock() && !Double.isNaN(sigma.sigma())
                ? new InstancePipeline(parameters.withFixedSigma(sigma.sigma())) : new InstancePipeline(parameters);
        return emit(slide, region, index, bounds, pipeline.run(prediction.foreground(), prediction.distance()), 1)
                .nuclei();
    }

    private int columns(Region region) {
        return (region.width() + blocks.block() - 1) / blocks.block();
    }

    private static void checkInside(SlideReader slide, Region region) {
        if (region.level() >= slide.levels().size()) {
            throw new IllegalArgumentException("the slide has " + slide.levels().size() + " levels");
        }
        SlideReader.Level level = slide.levels().get(region.level());
        if (region.x() < 0 || region.y() < 0 || (long) region.x() + region.width() > level.width()
                || (long) region.y() + region.height() > level.height()) {
            throw new IllegalArgumentException("region " + region.x() + "," + region.y() + "," + region.width()
                    + "," + region.height() + " is not inside level " + region.level() + " ("
                    + level.width() + "x" + level.height() + ")");
        }
    }

    /** Block {@code index}: its core and the window (core plus margin, clipped to the region) it is predicted on. */
    private record Bounds(int coreX, int coreY, int coreWidth, int coreHeight, int x0, int y0, int width, int height) {
    }

    private Bounds bounds(Region region, int index) {
        int block = blocks.block();
        int coreX = index % columns(region) * block;
        int coreY = index / columns(region) * block;
        int coreWidth = Math.min(block, region.width() - coreX);
        int coreHeight = Math.min(block, region.height() - coreY);
        int x0 = Math.max(0, coreX - blocks.margin());
        int y0 = Math.max(0, coreY - blocks.margin());
        int width = Math.min(region.width(), coreX + coreWidth + blocks.margin()) - x0;
        int height = Math.min(region.height(), coreY + coreHeight + blocks.margin()) - y0;
        return new Bounds(coreX, coreY, coreWidth, coreHeight, x0, y0, width, height);
    }

    private Prediction predict(TileSource tiles, Region region, Bounds b) {
        return new TiledPredictor(model, tiling).predict(tiles, region.x() + b.x0(), region.y() + b.y0(), b.width(),
                b.height());
    }

    /** What one block emits: the window's labels kept (ids from firstId on), its pixels and measured nuclei. */
    private record Emitted(int[] labels, int count, RgbImage image, List<Nucleus> nuclei) {
    }

    /**
     * Keeps the instances of a block's window that touch its core and no earlier core, numbered from
     * {@code firstId} in label order, and measures them in level-0 coordinates.
     */
    private Emitted emit(SlideReader slide, Region region, int index, Bounds b, LabelImage labels, int firstId)
            throws IOException {
        int columns = columns(region);
        int[] ids = labels.labels();
        int max = labels.maxLabel();
        boolean[] touchesCore = new boolean[max + 1];
        boolean[] touchesEarlier = new boolean[max + 1];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != 0) {
                int owner = blockAt(b.x0() + i % b.width(), b.y0() + i / b.width(), columns);
                touchesCore[ids[i]] |= owner == index;
                touchesEarlier[ids[i]] |= owner < index;
            }
        }
        int[] global = new int[max + 1];
        int next = firstId;
        for (int id = 1; id <= max; id++) {
            global[id] = touchesCore[id] && !touchesEarlier[id] ? next++ : 0;
        }
        int[] emitted = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            emitted[i] = global[ids[i]];
        }
        RgbImage image = slide.readRegion(region.level(), region.x() + b.x0(), region.y() + b.y0(), b.width(),
                b.height());
        double downsample = slide.levels().get(region.level()).downsample();
        OptionalDouble micronsPerPixel = slide.micronsPerPixel().isPresent()
                ? OptionalDouble.of(slide.micronsPerPixel().getAsDouble() * downsample) : OptionalDouble.empty();
        List<Nucleus> nuclei = new ArrayList<>();
        AffineTransformation toLevel0 = AffineTransformation.translationInstance(region.x() + b.x0(),
                region.y() + b.y0()).scale(downsample, downsample);
        for (Nucleus n : NucleusMeasurements.measure(new LabelImage(b.width(), b.height(), emitted), image,
                micronsPerPixel)) {
            nuclei.add(new Nucleus(n.label(), toLevel0.transform(n.outline()),
                    (region.x() + b.x0() + n.centroidX()) * downsample,
                    (region.y() + b.y0() + n.centroidY()) * downsample, n.areaPixels(), n.areaMicrons2(),
                    n.perimeter(), n.circularity(), n.eccentricity(), n.solidity(), n.hematoxylin(), n.eosin()));
        }
        return new Emitted(emitted, next - firstId, image, nuclei);
    }

    /** Raster index of the block whose core holds region pixel (x, y). */
    private int blockAt(int x, int y, int columns) {
        return y / blocks.block() * columns + x / blocks.block();
    }

    /** Sigma from the mean area of a prediction's foreground clumps; empty when it has none to learn from. */
    private OptionalDouble derivedSigma(Prediction prediction) {
        FloatMap foreground = prediction.foreground();
        boolean[] mask = new boolean[foreground.values().length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = foreground.values()[i] > parameters.foregroundThreshold();
        }
        LabelImage clumps = ConnectedComponents.label(mask, foreground.width(), foreground.height(),
                Connectivity.FOUR);
        int[] area = new int[clumps.maxLabel() + 1];
        for (int id : clumps.labels()) {
            area[id]++;
        }
        long sum = 0;
        int kept = 0;
        for (int id = 1; id < area.length; id++) {
            if (area[id] >= Math.max(1, parameters.minObjectSize())) {
                sum += area[id];
                kept++;
            }
        }
        return kept == 0 ? OptionalDouble.empty() : OptionalDouble.of(parameters.sigmaFor((double) sum / kept));
    }

    /** The state of one run: the nucleus count and the pixels carried over into later cores. */
    private final class Run {
        private final SlideReader slide;
        private final Region region;
        private final Sink sink;
        private final BooleanSupplier cancelled;
        private final int columns;
        /** Per later block: pairs of (index in its core, nucleus id). */
        private final Map<Integer, IntPairs> carried = new HashMap<>();
        /** The slide's tiles; a cancelled run stops at the next tile, not only at the next block. */
        private final TileSource tiles;
        private InstancePipeline pipeline;
        private int count;

        Run(SlideReader slide, Region region, Sink sink, BooleanSupplier cancelled) {
            this.slide = slide;
            this.region = region;
            this.sink = sink;
            this.cancelled = cancelled;
            this.columns = columns(region);
            checkInside(slide, region);
            TileSource levelTiles = TileSource.of(slide, region.level());
            this.tiles = (x, y, width, height) -> {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("segmentation cancelled");
                }
                return levelTiles.read(x, y, width, height);
            };
            boolean single = blockCount(region) == 1;
            pipeline = single || !Double.isNaN(parameters.fixedSigma()) ? new InstancePipeline(parameters) : null;
        }

        int all() throws IOException {
            int total = blockCount(region);
            for (int index = 0; index < total; index++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("segmentation cancelled");
                }
                sink.accept(block(index), index + 1, total);
            }
            return count;
        }

        private Core block(int index) throws IOException {
            Bounds b = bounds(region, index);
            Prediction prediction = predict(tiles, region, b);
            LabelImage labels = pipeline(prediction).run(prediction.foreground(), prediction.distance());
            Emitted emitted = emit(slide, region, index, b, labels, count + 1);
            count += emitted.count();
            int[] core = new int[b.coreWidth() * b.coreHeight()];
            IntPairs mine = carried.remove(index);
            if (mine != null) {
                for (int k = 0; k < mine.size; k++) {
                    core[mine.values[2 * k]] = mine.values[2 * k + 1];
                }
            }
            int block = blocks.block();
            int[] ids = emitted.labels();
            for (int i = 0; i < ids.length; i++) {
                int id = ids[i];
                if (id == 0) {
                    continue;
                }
                int gx = b.x0() + i % b.width();
                int gy = b.y0() + i / b.width();
                int owner = blockAt(gx, gy, columns);
                if (owner == index) {
                    int at = (gy - b.coreY()) * b.coreWidth() + gx - b.coreX();
                    core[at] = core[at] == 0 ? id : core[at];
                } else {
                    int ownerX = owner % columns * block;
                    int ownerY = owner / columns * block;
                    int ownerWidth = Math.min(block, region.width() - ownerX);
                    carried.computeIfAbsent(owner, k -> new IntPairs()).add((gy - ownerY) * ownerWidth + gx - ownerX,
                            id);
                }
            }
            int dx = b.coreX() - b.x0();
            int dy = b.coreY() - b.y0();
            return new Core(b.coreX(), b.coreY(), new LabelImage(b.coreWidth(), b.coreHeight(), core),
                    crop(emitted.image(), dx, dy, b.coreWidth(), b.coreHeight()),
                    new Prediction(crop(prediction.foreground(), dx, dy, b.coreWidth(), b.coreHeight()),
                            crop(prediction.distance(), dx, dy, b.coreWidth(), b.coreHeight())), emitted.nuclei());
        }

        /** The given pipeline, or one whose sigma is fixed from the first block with foreground. */
        private InstancePipeline pipeline(Prediction prediction) {
            if (pipeline != null) {
                return pipeline;
            }
            OptionalDouble sigma = derivedSigma(prediction);
            if (sigma.isEmpty()) {
                return new InstancePipeline(parameters); // nothing here to learn the size from
            }
            pipeline = new InstancePipeline(parameters.withFixedSigma(sigma.getAsDouble()));
            return pipeline;
        }
    }

    private static RgbImage crop(RgbImage image, int x, int y, int width, int height) {
        int[] out = new int[width * height];
        for (int row = 0; row < height; row++) {
            System.arraycopy(image.rgb(), (y + row) * image.width() + x, out, row * width, width);
        }
        return new RgbImage(width, height, out);
    }

    private static FloatMap crop(FloatMap map, int x, int y, int width, int height) {
        float[] out = new float[width * height];
        for (int row = 0; row < height; row++) {
            System.arraycopy(map.values(), (y + row) * map.width() + x, out, row * width, width);
        }
        return new FloatMap(width, height, out);
    }

    /** A growable list of int pairs. */
    private static final class IntPairs {
        private int[] values = new int[64];
        private int size;

        void add(int first, int second) {
            if (2 * size + 2 > values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[2 * size] = first;
            values[2 * size + 1] = second;
            size++;
        }
    }
}
