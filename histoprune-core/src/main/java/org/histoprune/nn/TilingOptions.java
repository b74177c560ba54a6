package org.histoprune.nn;

/**
 * How to cut an image for prediction: square tiles of {@code tile} pixels overlapping by {@code overlap}
 * (blended with linear ramps), {@code batch} tiles per forward pass, {@code workers} passes at once.
 */
public record TilingOptions(int tile, int overlap, int batch, int workers) {
    public TilingOptions {
        if (tile < 16 || tile % 16 != 0) {
            throw new IllegalArgumentException("tile size must be a multiple of 16 and >= 16, got " + tile);
        }
        if (overlap < 0 || overlap > tile / 2) {
            throw new IllegalArgumentException("overlap must be 0.." + tile / 2 + ", got " + overlap);
        }
        if (batch < 1 || workers < 1) {
            throw new IllegalArgumentException("batch and workers must be >= 1");
        }
    }

    /**
     * One tile at a time with a 64-px overlap: batches of tiles needed 3-5.5 GB and two workers of one thread each
     * were slower on 2 cores. The 576-px side (a 1000-px image in four 544-px tiles) suits the dense model; prediction
     * takes its side from the network ({@link #forNetwork}) unless one is given.
     */
    public static TilingOptions defaults() {
        return new TilingOptions(576, 64, 1, 1);
    }

    /**
     * Floats in the widest full-resolution feature map of one tile up to which prediction keeps its per-pixel
     * speed and memory (2 cores, AVX-512, both branches, single-tile images): the dense base-16 network (32
     * channels) took 2.0-2.2 s per megapixel in 544- and 704-px tiles and 2.3-2.8 s in 1008 (peak memory 1.7 GB in
     * 704-px tiles, 4.5 GB in 1008); half its filters (16 channels) 0.73-0.84 s in all of them, 1008 included
     * (16.3 M floats), and 1.07 s in 1424.
     */
    static final double FULL_RESOLUTION_FLOATS = 16.5e6;

    /** The defaults with the largest tile this network predicts quickly in: see {@link #largestTileFor}. */
    public static TilingOptions forNetwork(UNetConfig unet) {
        return defaults().withTile(largestTileFor(unet));
    }

    /**
     * The largest tile side (a multiple of 16) whose widest full-resolution feature map stays within
     * {@link #FULL_RESOLUTION_FLOATS}: a narrower (filter-pruned) network takes larger tiles, so that less of an
     * image is predicted twice in the overlaps, without the per-pixel slowdown of big feature maps.
     */
    public static int largestTileFor(UNetConfig unet) {
        int side = (int) Math.sqrt(FULL_RESOLUTION_FLOATS / unet.fullResolutionChannels());
        return Math.max(16, side / 16 * 16);
    }

    public TilingOptions withTile(int newTile) {
        return new TilingOptions(newTile, Math.min(overlap, newTile / 2), batch, workers);
    }

    public TilingOptions withOverlap(int newOverlap) {
        return new TilingOptions(tile, newOverlap, batch, workers);
    }

    public TilingOptions withBatch(int newBatch) {
        return new TilingOptions(tile, overlap, newBatch, workers);
    }

    public TilingOptions withWorkers(int newWorkers) {
        return new TilingOptions(tile, overlap, batch, newWorkers);
    }
}
