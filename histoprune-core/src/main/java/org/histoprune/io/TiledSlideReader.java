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
abstract class TiledSlideReader extends AbstractSlideReader {
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

    private final List<TileGrid> grids;
    private final TileCache cache = new TileCache(DEFAULT_CACHE_PIXELS);

    TiledSlideReader(Path path, List<Level> levels, List<TileGrid> grids, OptionalDouble micronsPerPixel) {
        super(path, levels, micronsPerPixel);
        if (levels.isEmpty() || levels.size() != grids.size()) {
            throw new IllegalArgumentException(levels.size() + " levels but " + grids.size() + " tile grids");
        }
        this.grids = List.copyOf(grids);
    }

    /** Decodes one tile; the result must be exactly {@code tile.width() x tile.height()}. */
    protected abstract RgbImage readTile(TileRequest tile) throws IOException;

    @Override
    public RgbImage readRegion(int level, int x, int y, int width, int height) throws IOException {
        checkRegion(level, width, height);
        Level size = levels().get(level);
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
        Level size = levels().get(level);
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
