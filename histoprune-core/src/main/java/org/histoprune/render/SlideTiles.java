package org.histoprune.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.histoprune.image.RgbImage;
import org.histoprune.io.SlideReader;

/**
 * The tiles of one slide: picks the pyramid level for a zoom, serves decoded tiles from an LRU cache and
 * reads missing ones in the background, never the same tile twice at once. Tiles that scrolled out of view
 * before their turn are skipped.
 */
public final class SlideTiles {
    static final int TILE_SIZE = 512;

    private final SlideReader reader;
    private final ImageCache<TileKey> cache;
    private final Executor readers;
    private final Runnable onTileRead;
    private final Consumer<Exception> onFailure;
    private final Set<TileKey> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<TileKey> failed = ConcurrentHashMap.newKeySet();
    private volatile Set<TileKey> wanted = Set.of();

    private volatile boolean retired;

    /** Tiles of one slide with a cache of {@code cachePixels} decoded pixels, read on {@code readers}. */
    public SlideTiles(SlideReader reader, long cachePixels, Executor readers, Runnable onTileRead,
            Consumer<Exception> onFailure) {
        this.reader = reader;
        this.cache = new ImageCache<>(cachePixels);
        this.readers = readers;
        this.onTileRead = onTileRead;
        this.onFailure = onFailure;
    }

    SlideReader reader() {
        return reader;
    }

    /** The coarsest level that still has at least one pixel per screen pixel at this downsample. */
    int levelFor(double downsample) {
        List<SlideReader.Level> levels = reader.levels();
        int best = 0;
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i).downsample() <= downsample * 1.001) {
                best = i;
            }
        }
        return best;
    }

    /** The tiles of {@code level} that cover a level-0 rectangle. */
    List<TileKey> tilesCovering(int level, double x, double y, double width, double height) {
        SlideReader.Level info = reader.levels().get(level);
        double scale = 1 / info.downsample();
        int columns = (info.width() + TILE_SIZE - 1) / TILE_SIZE;
        int rows = (info.height() + TILE_SIZE - 1) / TILE_SIZE;
        int c0 = Math.max(0, (int) Math.floor(x * scale / TILE_SIZE));
        int r0 = Math.max(0, (int) Math.floor(y * scale / TILE_SIZE));
        int c1 = Math.min(columns - 1, (int) Math.floor((x + width) * scale / TILE_SIZE));
        int r1 = Math.min(rows - 1, (int) Math.floor((y + height) * scale / TILE_SIZE));
        var keys = new java.util.ArrayList<TileKey>();
        for (int row = r0; row <= r1; row++) {
            for (int column = c0; column <= c1; column++) {
                keys.add(new TileKey(level, column, row));
            }
        }
        return keys;
    }

    /** Marks the tiles the current frame needs; queued reads of any other tile are dropped. */
    void want(Set<TileKey> keys) {
        wanted = Set.copyOf(keys);
    }

    /** Drops queued reads and stays silent about failures, before the reader is closed. */
    public void retire() {
        retired = true;
        wanted = Set.of();
    }

    public boolean isCached(TileKey key) {
        return cache.contains(key);
    }

    /** Queues the read of a tile unless it is cached, being read, or failed before. */
    void request(TileKey key) {
        if (!cache.contains(key) && !failed.contains(key) && inFlight.add(key)) {
            readers.execute(() -> readInBackground(key));
        }
    }

    /**
     * The pixels of a rectangle of one level copied from cached tiles ({@code keys} must cover it), or null
     * when one of them is not cached.
     */
    RgbImage assemble(List<TileKey> keys, int x, int y, int width, int height) {
        RgbImage window = new RgbImage(width, height);
        for (TileKey key : keys) {
            BufferedImage tile = cache.get(key);
            if (tile == null) {
                return null;
            }
            int tileX = key.column() * TILE_SIZE;
            int tileY = key.row() * TILE_SIZE;
            int left = Math.max(x, tileX);
            int right = Math.min(x + width, tileX + tile.getWidth());
            int[] pixels = Images.pixels(tile);
            for (int row = Math.max(y, tileY); row < Math.min(y + height, tileY + tile.getHeight()); row++) {
                if (right > left) {
                    System.arraycopy(pixels, (row - tileY) * tile.getWidth() + left - tileX, window.rgb(),
                            (row - y) * width + left - x, right - left);
                }
            }
        }
        return window;
    }

    /** The decoded tile, read on the calling thread if need be (exports and benchmarks). */
    public BufferedImage readNow(TileKey key) throws IOException {
        BufferedImage tile = cache.get(key);
        if (tile == null) {
            tile = read(key);
            cache.put(key, tile);
        }
        return tile;
    }

    private void readInBackground(TileKey key) {
        try {
            if (wanted.contains(key)) {
                cache.put(key, read(key));
                onTileRead.run();
            }
        } catch (IOException | RuntimeException e) {
            failed.add(key);
            if (!retired) {
                onFailure.accept(e);
            }
        } finally {
            inFlight.remove(key);
        }
    }

    private BufferedImage read(TileKey key) throws IOException {
        SlideReader.Level info = reader.levels().get(key.level());
        int x = key.column() * TILE_SIZE;
        int y = key.row() * TILE_SIZE;
        int width = Math.min(TILE_SIZE, info.width() - x);
        int height = Math.min(TILE_SIZE, info.height() - y);
        try {
            return Images.wrap(reader.readRegion(key.level(), x, y, width, height));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
