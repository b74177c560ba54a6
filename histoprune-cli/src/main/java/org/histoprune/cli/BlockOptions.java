package org.histoprune.cli;

import java.nio.file.Path;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.SlideSegmenter;
import org.histoprune.nn.TilingOptions;
import org.histoprune.nn.UNetConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How a slide is cut into blocks and tiles: shared by {@code segment} here and on a Spark cluster. */
public final class BlockOptions {
    /** Label tiles of large outputs; blocks are multiples of it so that a tile never straddles two blocks. */
    public static final int LABEL_TILE = 512;
    /** The largest region: sides far beyond any slide, with pixel coordinates and the tile index far from overflow. */
    static final int MAX_SIDE = 1 << 24;
    static final long MAX_LABEL_TILES = 1L << 24;

    @Option(names = "--block", defaultValue = "2048",
            description = "Block side, a multiple of 512, processed at once (default: ${DEFAULT-VALUE}).")
    private int block;

    @Option(names = "--margin", defaultValue = "128",
            description = "Context around each block, more than a nucleus (default: ${DEFAULT-VALUE}).")
    private int margin;

    @Option(names = "--tile", description = "Largest tile side in pixels, a multiple of 16 (default: the largest the "
            + "model predicts quickly in, from its width: 704 for the dense model, 1008 for the fast one).")
    private Integer tile;

    @Option(names = "--overlap", defaultValue = "64", description = "Tile overlap, blended (default: ${DEFAULT-VALUE}).")
    private int overlap;

    @Option(names = "--tile-batch", defaultValue = "1", description = "Tiles per forward pass (default: ${DEFAULT-VALUE}).")
    private int tileBatch;

    @Option(names = "--workers", defaultValue = "1", description = "Forward passes at once (default: ${DEFAULT-VALUE}).")
    private int workers;

    /**
     * Refuses a region too large to segment, naming the slide; blocks being whole label tiles, their count then fits
     * an int too. A header may declare any size, so this comes before anything is allocated or counted.
     */
    public static void checkRegionSize(Path slide, long width, long height) {
        long labelTiles = ((width + LABEL_TILE - 1) / LABEL_TILE) * ((height + LABEL_TILE - 1) / LABEL_TILE);
        if (width > MAX_SIDE || height > MAX_SIDE || labelTiles > MAX_LABEL_TILES) {
            throw new InvalidInputException(slide, "a region of " + width + "x" + height + " px is too large to segment"
                    + " (at most " + MAX_SIDE + " px a side and " + MAX_LABEL_TILES + " tiles of " + LABEL_TILE
                    + " px); choose a smaller region or a coarser level");
        }
    }

    /** The block rule; a bad value is a usage error (exit code 2). */
    public SlideSegmenter.Blocks blocks(CommandSpec spec) {
        if (block % LABEL_TILE != 0) {
            throw new ParameterException(spec.commandLine(), "--block must be a multiple of " + LABEL_TILE);
        }
        try {
            return new SlideSegmenter.Blocks(block, margin);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The tiling for this network; a bad value is a usage error (exit code 2). */
    public TilingOptions tiling(CommandSpec spec, UNetConfig network) {
        return tiling(spec, tile, overlap, tileBatch, workers, network);
    }

    /** Tiles of {@code tile} px, or when it is null the largest the network predicts quickly in. */
    static TilingOptions tiling(CommandSpec spec, Integer tile, int overlap, int tileBatch, int workers,
            UNetConfig network) {
        try {
            return new TilingOptions(tile != null ? tile : TilingOptions.largestTileFor(network), overlap, tileBatch,
                    workers);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
