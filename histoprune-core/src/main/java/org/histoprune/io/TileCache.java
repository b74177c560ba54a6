package org.histoprune.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.histoprune.image.RgbImage;

/**
 * Decoded tiles of one reader, least recently used dropped first, bounded by a pixel budget. A tile asked for
 * by several threads at once is decoded once: the others wait for that decoding.
 */
final class TileCache {
    /** Where a tile sits in a pyramid. */
    record TileKey(int level, int column, int row) {
    }

    @FunctionalInterface
    interface Loader {
        RgbImage load() throws IOException;
    }

    private final long maxPixels;
    private final Map<TileKey, RgbImage> tiles = new LinkedHashMap<>(64, 0.75f, true);
    private final ConcurrentHashMap<TileKey, CompletableFuture<RgbImage>> loading = new ConcurrentHashMap<>();
    private long pixels;

    TileCache(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    RgbImage get(TileKey key, Loader loader) throws IOException {
        RgbImage cached = cached(key);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<RgbImage> mine = new CompletableFuture<>();
        CompletableFuture<RgbImage> theirs = loading.putIfAbsent(key, mine);
        if (theirs != null) {
            return await(theirs);
        }
        try {
            RgbImage tile = cached(key);
            if (tile == null) {
                tile = loader.load();
                store(key, tile);
            }
            mine.complete(tile);
            return tile;
        } catch (IOException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key);
        }
    }

    private synchronized RgbImage cached(TileKey key) {
        return tiles.get(key);
    }

    private synchronized void store(TileKey key, RgbImage tile) {
        RgbImage previous = tiles.put(key, tile);
        pixels += tile.rgb().length - (previous == null ? 0 : previous.rgb().length);
        var eldest = tiles.entrySet().iterator();
        while (pixels > maxPixels && tiles.size() > 1) {
            pixels -= eldest.next().getValue().rgb().length;
            eldest.remove();
        }
    }

    private static RgbImage await(CompletableFuture<RgbImage> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a tile", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }
}
