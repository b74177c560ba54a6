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
     * 576-px tiles (a 1000-px image becomes four 544-px tiles instead of nine of 384), one at a time: measured
     * fastest on 2 cores (2.4-2.6 s vs 2.9 s per 1000x1000 image for 512) with peak RSS ~1.9 GB; 1024-px tiles
     * and batches of tiles need 3-5.5 GB, and two workers of one thread each were slower.
     */
    public static TilingOptions defaults() {
        return new TilingOptions(576, 64, 1, 1);
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
