package org.histoprune.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.histoprune.image.RgbImage;

/**
 * Base of readers whose levels are grids of tiles (native TIFF tiles, or bands of a striped or single image):
 * subclasses implement only {@link #readTile}; this class stitches regions from tiles and caches them, as
 * QuPath's AbstractTileableImageServer does.
 */
abstract class TiledSlideReader implements SlideReader {
    /** Largest region one call may ask for (128 MB of pixels): larger requests are a programming error. */
    static final long MAX_REGION_PIXELS = 1L << 25;
    private static final long DEFAULT_CACHE_PIXELS = 8L << 20;
    private static final int WHITE = 0xFFFFFF;

    /** The tile grid of one level. */
    record TileGrid(int tileWidth, int tileHeight) {
        TileGrid {
            if (tileWidth <= 0 || tileHeight <= 0) {
                throw new IllegalArgumentException("bad tile size " + tileWidth + "x" + tileHeight);
            }
        }
    }

    /** One tile to decode: its place in the grid and its rectangle in level pixels, clipped to the level. */
    record TileRequest(int level, int column, int row, int x, int y, int width, int height) {
    }

    private final Path path;
    private final List<Level> levels;
    private final List<TileGrid> grids;
    private final OptionalDouble micronsPerPixel;
    private final TileCache cache = new TileCache(DEFAULT_CACHE_PIXELS);

    TiledSlideReader(Path path, List<Level> levels, List<TileGrid> grids, OptionalDouble micronsPerPixel) {
        if (levels.isEmpty() || levels.size() != grids.size()) {
            throw new IllegalArgumentException(levels.size() + " levels but " + grids.size() + " tile grids");
        }
        this.path = path;
        this.levels = List.copyOf(levels);
        this.grids = List.copyOf(grids);
        this.micronsPerPixel = micronsPerPixel;
    }

    /** Refuses a level that does not exist and a region that is empty or too large to hold in memory. */
    static void checkRegion(List<Level> levels, int level, int width, int height) {
        if (level < 0 || level >= levels.size()) {
            throw new IllegalArgumentException("level " + level + " of " + levels.size());
        }
        if (width <= 0 || height <= 0 || (long) width * height > MAX_REGION_PIXELS) {
            throw new IllegalArgumentException("region of " + width + "x" + height + " px: must be positive and at most "
                    + MAX_REGION_PIXELS + " px");
        }
    }

    /** Decodes one tile; the result must be exactly {@code tile.width() x tile.height()}. */
    protected abstract RgbImage readTile(TileRequest tile) throws IOException;

    @Override
    public Path path() {
        return path;
    }

    @Override
    public List<Level> levels() {
        return levels;
    }

    @Override
    public OptionalDouble micronsPerPixel() {
        return micronsPerPixel;
    }

    @Override
    public RgbImage readRegion(int level, int x, int y, int width, int height) throws IOException {
        checkRegion(levels, level, width, height);
        Level size = levels.get(level);
        TileGrid grid = grids.get(level);
        int[] out = new int[width * height];
        Arrays.fill(out, WHITE);
        long left = Math.max(0, x);
        long top = Math.max(0, y);
        long right = Math.min((long) x + width, size.width());
        long bottom = Math.min((long) y + height, size.height());
        if (left >= right || top >= bottom) {
            return new RgbImage(width, height, out);
        }
        for (long row = top / grid.tileHeight(); row * grid.tileHeight() < bottom; row++) {
            for (long column = left / grid.tileWidth(); column * grid.tileWidth() < right; column++) {
                RgbImage tile = tile(level, (int) column, (int) row);
                copy(tile, (int) column * grid.tileWidth(), (int) row * grid.tileHeight(), out, x, y, width, height);
            }
        }
        return new RgbImage(width, height, out);
    }

    private RgbImage tile(int level, int column, int row) throws IOException {
        Level size = levels.get(level);
        TileGrid grid = grids.get(level);
        int x = column * grid.tileWidth();
        int y = row * grid.tileHeight();
        TileRequest request = new TileRequest(level, column, row, x, y,
                Math.min(grid.tileWidth(), size.width() - x), Math.min(grid.tileHeight(), size.height() - y));
        return cache.get(new TileCache.TileKey(level, column, row), () -> {
            RgbImage tile = readTile(request);
            if (tile.width() != request.width() || tile.height() != request.height()) {
                throw new IllegalStateException("tile " + request + " decoded as " + tile.width() + "x" + tile.height());
            }
            return tile;
        });
    }

    /** Copies the overlap of a tile at (tileX, tileY) into the region at (x, y). */
    private static void copy(RgbImage tile, int tileX, int tileY, int[] out, int x, int y, int width, int height) {
        int fromX = Math.max(tileX, x);
        int toX = (int) Math.min((long) tileX + tile.width(), (long) x + width);
        int fromY = Math.max(tileY, y);
        int toY = (int) Math.min((long) tileY + tile.height(), (long) y + height);
        for (int row = fromY; row < toY; row++) {
            System.arraycopy(tile.rgb(), (row - tileY) * tile.width() + fromX - tileX, out,
                    (row - y) * width + fromX - x, toX - fromX);
        }
    }
}
