package org.histoprune.render;

/** One tile of one pyramid level: column and row in a grid of {@link SlideTiles#TILE_SIZE} level pixels. */
public record TileKey(int level, int column, int row) {
    public TileKey {
        if (level < 0 || column < 0 || row < 0) {
            throw new IllegalArgumentException("bad tile " + level + "/" + column + "/" + row);
        }
    }
}
