package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.histoprune.image.FloatMap;
import org.histoprune.image.RgbImage;

/**
 * Prediction of a region of any size in overlapping tiles. Each tile's output is weighted by a window
 * that ramps linearly over the overlap and the weighted sums are normalised, so tiles blend without seams.
 * Only one batch of tiles (per worker) is in memory at a time besides the two output maps.
 */
final class TiledPredictor {
    private final NucleiModel model;
    private final TilingOptions options;

    TiledPredictor(NucleiModel model, TilingOptions options) {
        this.model = model;
        this.options = options;
    }

    Prediction predict(TileSource source, int regionX, int regionY, int width, int height) {
        int multiple = model.config().sizeMultiple();
        int tileWidth = tileSize(width, options.tile(), options.overlap(), multiple);
        int tileHeight = tileSize(height, options.tile(), options.overlap(), multiple);
        int overlap = Math.min(options.overlap(), Math.min(tileWidth, tileHeight) / 2);
        float[] windowX = ramp(tileWidth, overlap);
        float[] windowY = ramp(tileHeight, overlap);
        List<int[]> origins = new ArrayList<>();
        for (int y : positions(height, tileHeight, overlap)) {
            for (int x : positions(width, tileWidth, overlap)) {
                origins.add(new int[] {x, y});
            }
        }
        Accumulator sum = new Accumulator(width, height, windowX, windowY);
        List<List<int[]>> batches = new ArrayList<>();
        for (int i = 0; i < origins.size(); i += options.batch()) {
            batches.add(origins.subList(i, Math.min(origins.size(), i + options.batch())));
        }
        Runnable[] jobs = batches.stream().<Runnable>map(batch -> () -> {
            List<RgbImage> tiles = new ArrayList<>();
            for (int[] origin : batch) {
                tiles.add(source.read(regionX + origin[0], regionY + origin[1], tileWidth, tileHeight));
            }
            float[][] out = forward(tiles, tileWidth, tileHeight);
            for (int t = 0; t < batch.size(); t++) {
                sum.add(batch.get(t)[0], batch.get(t)[1], tileWidth, tileHeight, out[0], out[1], t);
            }
        }).toArray(Runnable[]::new);
        run(jobs);
        return sum.result();
    }

    /** Foreground probabilities and distances of a batch of equal-sized tiles, tile after tile. */
    private float[][] forward(List<RgbImage> tiles, int width, int height) {
        JniUtils.setGradMode(false);
        int size = 3 * width * height;
        float[] input = new float[tiles.size() * size];
        for (int t = 0; t < tiles.size(); t++) {
            Tensors.putImage(tiles.get(t), input, t * size);
        }
        try (NDManager manager = model.model(Branch.SEGMENTATION).getNDManager().newSubManager()) {
            NDArray x = manager.create(input, new Shape(tiles.size(), 3, height, width));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray logits = model.block(Branch.SEGMENTATION).forward(store, new NDList(x), false).singletonOrThrow();
            NDArray distance = model.block(Branch.REGRESSION).forward(store, new NDList(x), false).singletonOrThrow();
            return new float[][] {Activation.sigmoid(logits).toFloatArray(), distance.toFloatArray()};
        }
    }

    private void run(Runnable[] jobs) {
        if (options.workers() == 1 || jobs.length == 1) {
            for (Runnable job : jobs) {
                job.run();
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.workers(), jobs.length), runnable -> {
            Thread thread = new Thread(runnable, "tile-predictor");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable job : jobs) {
                futures.add(pool.submit(job));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("prediction interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The smallest tile side (a multiple of the network's) that covers {@code size} with as few tiles of at most
     * {@code maxTile} as possible, so that e.g. 1000 px take three 384-px tiles rather than three of 512.
     */
    static int tileSize(int size, int maxTile, int overlap, int multiple) {
        if (size <= maxTile) {
            return roundUp(size, multiple);
        }
        int count = (size - overlap + maxTile - overlap - 1) / (maxTile - overlap);
        int side = roundUp((size + (count - 1) * overlap + count - 1) / count, multiple);
        return Math.min(maxTile, side);
    }

    /** Tile origins covering {@code size}: evenly stepped, the last flush with the end. */
    static int[] positions(int size, int tile, int overlap) {
        if (size <= tile) {
            return new int[] {0};
        }
        int step = tile - overlap;
        int count = (size - tile + step - 1) / step + 1;
        int[] origins = new int[count];
        for (int i = 0; i < count; i++) {
            origins[i] = Math.min(i * step, size - tile);
        }
        return origins;
    }

    /** 1 in the middle, falling linearly towards both ends over {@code overlap} pixels, never 0. */
    static float[] ramp(int size, int overlap) {
        float[] window = new float[size];
        for (int i = 0; i < size; i++) {
            float edge = Math.min(i + 0.5f, size - i - 0.5f);
            window[i] = overlap == 0 ? 1f : Math.min(1f, edge / overlap);
        }
        return window;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** Weighted sums of tile outputs; {@link #add} may be called from several workers. */
    private static final class Accumulator {
        private final int width;
        private final int height;
        private final float[] windowX;
        private final float[] windowY;
        private final float[] foreground;
        private final float[] distance;
        private final float[] weight;

        Accumulator(int width, int height, float[] windowX, float[] windowY) {
            this.width = width;
            this.height = height;
            this.windowX = windowX;
            this.windowY = windowY;
            foreground = new float[width * height];
            distance = new float[width * height];
            weight = new float[width * height];
        }

        synchronized void add(int x0, int y0, int tileWidth, int tileHeight, float[] probabilities, float[] distances,
                int tile) {
            int offset = tile * tileWidth * tileHeight;
            for (int row = 0; row < tileHeight && y0 + row < height; row++) {
                for (int col = 0; col < tileWidth && x0 + col < width; col++) {
                    float w = windowY[row] * windowX[col];
                    int source = offset + row * tileWidth + col;
                    int target = (y0 + row) * width + x0 + col;
                    foreground[target] += w * probabilities[source];
                    distance[target] += w * distances[source];
                    weight[target] += w;
                }
            }
        }

        synchronized Prediction result() {
            for (int i = 0; i < weight.length; i++) {
                foreground[i] /= weight[i];
                distance[i] /= weight[i];
            }
            return new Prediction(new FloatMap(width, height, foreground), new FloatMap(width, height, distance));
        }
    }
}
