package org.histoprune.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.histoprune.image.RgbImage;
import org.histoprune.io.SlideReader;

/**
 * Paints a slide in screen space from cached display tiles: screen-aligned squares resampled once per zoom
 * from the pyramid level that fits, so panning is plain copying. Where the level's tiles are still being
 * read, the thumbnail stands in (not cached) and the tiles are requested.
 */
public final class SlidePainter {
    static final int TILE = 256;

    /** A display tile: column and row of the screen grid anchored at image (0, 0) at this downsample. */
    record Key(double downsample, int column, int row) {
    }

    /** The level pixels one display tile samples: first sample position, step, and the window around them. */
    private record Footprint(int level, double x0, double y0, double step, int x, int y, int width, int height,
            List<TileKey> tiles) {
    }

    private final SlideTiles tiles;
    private final RgbImage thumbnail;
    private final ImageCache<Key> cache = new ImageCache<>(16L << 20);

    SlidePainter(SlideTiles tiles, RgbImage thumbnail) {
        this.tiles = tiles;
        this.thumbnail = thumbnail;
    }

    /** Paints the slide; {@code g} is in screen pixels. */
    void paint(Graphics2D g, ViewTransform view) {
        Set<TileKey> wanted = new LinkedHashSet<>();
        for (Key key : visibleKeys(view)) {
            BufferedImage tile = cache.get(key);
            if (tile == null) {
                tile = build(key, wanted);
            }
            g.drawImage(tile, key.column() * TILE - view.screenOffsetX(), key.row() * TILE - view.screenOffsetY(), null);
        }
        tiles.want(wanted);
        wanted.forEach(tiles::request);
    }

    /** Forgets the display tiles (benchmarks of cold frames). */
    void clearCache() {
        cache.clear();
    }

    /** Every pyramid tile this view samples, for exports that read them before painting. */
    public Set<TileKey> levelTiles(ViewTransform view) {
        Set<TileKey> keys = new LinkedHashSet<>();
        for (Key key : visibleKeys(view)) {
            keys.addAll(footprint(key).tiles());
        }
        return keys;
    }

    private List<Key> visibleKeys(ViewTransform view) {
        SlideReader reader = tiles.reader();
        double downsample = view.downsample();
        int lastColumn = (int) Math.ceil(reader.width() / downsample / TILE) - 1;
        int lastRow = (int) Math.ceil(reader.height() / downsample / TILE) - 1;
        int c0 = Math.max(0, Math.floorDiv(view.screenOffsetX(), TILE));
        int r0 = Math.max(0, Math.floorDiv(view.screenOffsetY(), TILE));
        int c1 = Math.min(lastColumn, Math.floorDiv(view.screenOffsetX() + view.width() - 1, TILE));
        int r1 = Math.min(lastRow, Math.floorDiv(view.screenOffsetY() + view.height() - 1, TILE));
        var keys = new java.util.ArrayList<Key>();
        for (int row = r0; row <= r1; row++) {
            for (int column = c0; column <= c1; column++) {
                keys.add(new Key(downsample, column, row));
            }
        }
        return keys;
    }

    private Footprint footprint(Key key) {
        SlideReader reader = tiles.reader();
        int level = tiles.levelFor(key.downsample());
        SlideReader.Level info = reader.levels().get(level);
        double scale = (double) reader.width() / info.width();
        double step = key.downsample() / scale;
        double x0 = (key.column() * TILE + 0.5) * step;
        double y0 = (key.row() * TILE + 0.5) * step;
        int x = Math.max(0, (int) Math.floor(x0 - 1));
        int y = Math.max(0, (int) Math.floor(y0 - 1));
        int right = Math.min(info.width(), (int) Math.ceil(x0 + TILE * step + 1));
        int bottom = Math.min(info.height(), (int) Math.ceil(y0 + TILE * step + 1));
        List<TileKey> keys = right <= x || bottom <= y ? List.of()
                : tiles.tilesCovering(level, x * scale, y * scale, (right - x - 1) * scale, (bottom - y - 1) * scale);
        return new Footprint(level, x0, y0, step, x, y, Math.max(0, right - x), Math.max(0, bottom - y), keys);
    }

    /** Resamples one display tile; cached when every pyramid tile it needs was there. */
    private BufferedImage build(Key key, Set<TileKey> wanted) {
        Footprint footprint = footprint(key);
        SlideReader.Level info = tiles.reader().levels().get(footprint.level());
        BufferedImage tile = new BufferedImage(TILE, TILE, BufferedImage.TYPE_INT_ARGB_PRE);
        int background = ViewRenderer.BACKGROUND.getRGB() & 0xFFFFFF;
        RgbImage window = footprint.tiles().isEmpty() ? null
                : tiles.assemble(footprint.tiles(), footprint.x(), footprint.y(), footprint.width(), footprint.height());
        if (window != null) {
            Resampler.sample(window, footprint.x(), footprint.y(), info.width(), info.height(), footprint.x0(),
                    footprint.y0(), footprint.step(), footprint.step() > 1, background, Images.pixels(tile), TILE, TILE);
            cache.put(key, tile);
        } else {
            wanted.addAll(footprint.tiles());
            double step = key.downsample() * thumbnail.width() / tiles.reader().width();
            Resampler.sample(thumbnail, 0, 0, thumbnail.width(), thumbnail.height(), (key.column() * TILE + 0.5) * step,
                    (key.row() * TILE + 0.5) * step, step, true, background, Images.pixels(tile), TILE, TILE);
        }
        return tile;
    }
}
