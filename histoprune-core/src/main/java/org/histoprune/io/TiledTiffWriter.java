package org.histoprune.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import org.histoprune.image.RgbImage;

/**
 * Writes a tiled RGB TIFF, optionally with a pyramid of downsample-by-2 levels, tile by tile from a
 * {@link RegionSource}: memory stays at a few tiles per level whatever the image size. Tiles are produced
 * depth first over the pyramid (a quadtree), so each reduced tile is averaged from the four tiles just
 * written below it instead of from a whole level held in memory. The file is written atomically.
 */
public final class TiledTiffWriter {
    public enum Compression { JPEG, DEFLATE, LZW }

    /** Where reduced levels go: a chain of IFDs after the full level (as SVS) or its SubIFDs (as OME-TIFF). */
    public enum PyramidLayout { IFD_CHAIN, SUB_IFDS }

    /**
     * Settings of one file. {@code description} is the ImageDescription of the full level; when empty a short
     * one naming HistoPrune and the pixel size ({@code MPP = ...}, as Aperio writes it) is used.
     */
    public record Options(Compression compression, float jpegQuality, int tileSize, boolean pyramid,
            PyramidLayout layout, boolean bigTiff, OptionalDouble micronsPerPixel, String description) {
        public Options {
            if (tileSize < 16 || tileSize % 16 != 0 || tileSize > 4096) {
                throw new IllegalArgumentException("tile size must be a multiple of 16 in 16..4096, got " + tileSize);
            }
            if (!(jpegQuality > 0 && jpegQuality <= 1)) {
                throw new IllegalArgumentException("JPEG quality must be in (0, 1], got " + jpegQuality);
            }
            if (micronsPerPixel.isPresent() && !(micronsPerPixel.getAsDouble() > 0)) {
                throw new IllegalArgumentException("pixel size must be positive, got " + micronsPerPixel);
            }
            Objects.requireNonNull(compression, "compression");
            Objects.requireNonNull(layout, "layout");
            Objects.requireNonNull(description, "description");
        }

        /** JPEG quality 0.85, 512 px tiles, a pyramid as a chain of IFDs, classic TIFF, no pixel size. */
        public static Options defaults() {
            return new Options(Compression.JPEG, 0.85f, 512, true, PyramidLayout.IFD_CHAIN, false,
                    OptionalDouble.empty(), "");
        }

        public Options withCompression(Compression value) {
            return new Options(value, jpegQuality, tileSize, pyramid, layout, bigTiff, micronsPerPixel, description);
        }

        public Options withJpegQuality(float value) {
            return new Options(compression, value, tileSize, pyramid, layout, bigTiff, micronsPerPixel, description);
        }

        public Options withTileSize(int value) {
            return new Options(compression, jpegQuality, value, pyramid, layout, bigTiff, micronsPerPixel, description);
        }

        public Options withPyramid(boolean value) {
            return new Options(compression, jpegQuality, tileSize, value, layout, bigTiff, micronsPerPixel, description);
        }

        public Options withLayout(PyramidLayout value) {
            return new Options(compression, jpegQuality, tileSize, pyramid, value, bigTiff, micronsPerPixel, description);
        }

        public Options withBigTiff(boolean value) {
            return new Options(compression, jpegQuality, tileSize, pyramid, layout, value, micronsPerPixel, description);
        }

        public Options withMicronsPerPixel(double value) {
            return new Options(compression, jpegQuality, tileSize, pyramid, layout, bigTiff, OptionalDouble.of(value),
                    description);
        }

        public Options withDescription(String value) {
            return new Options(compression, jpegQuality, tileSize, pyramid, layout, bigTiff, micronsPerPixel, value);
        }
    }

    private static final int NEW_SUBFILE_TYPE = 254;
    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int BITS_PER_SAMPLE = 258;
    private static final int COMPRESSION = 259;
    private static final int PHOTOMETRIC = 262;
    private static final int IMAGE_DESCRIPTION = 270;
    private static final int SAMPLES_PER_PIXEL = 277;
    private static final int X_RESOLUTION = 282;
    private static final int Y_RESOLUTION = 283;
    private static final int PLANAR_CONFIGURATION = 284;
    private static final int RESOLUTION_UNIT = 296;
    private static final int SOFTWARE = 305;
    private static final int PREDICTOR = 317;
    private static final int TILE_WIDTH = 322;
    private static final int TILE_LENGTH = 323;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    private static final int SUB_IFDS = 330;
    private static final int YCBCR_SUBSAMPLING = 530;

    private final Options options;

    public TiledTiffWriter(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Writes {@code width x height} pixels of {@code source} to {@code target}. */
    public void write(RegionSource source, int width, int height, Path target) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        AtomicFiles.writeSeekable(target, channel -> new Job(source, levels(width, height), channel).run());
    }

    private record LevelSize(int width, int height, int tilesX, int tilesY) {
    }

    private List<LevelSize> levels(int width, int height) {
        int tile = options.tileSize();
        List<LevelSize> levels = new ArrayList<>();
        int w = width;
        int h = height;
        while (true) {
            levels.add(new LevelSize(w, h, ceilDiv(w, tile), ceilDiv(h, tile)));
            if (!options.pyramid() || (w <= tile && h <= tile)) {
                return levels;
            }
            w = ceilDiv(w, 2);
            h = ceilDiv(h, 2);
        }
    }

    /** The state of writing one file. */
    private final class Job {
        private final RegionSource source;
        private final List<LevelSize> levels;
        private final FileChannel channel;
        private final long[][] offsets;
        private final long[][] byteCounts;
        private final int tile = options.tileSize();
        private long position;

        Job(RegionSource source, List<LevelSize> levels, FileChannel channel) {
            this.source = source;
            this.levels = levels;
            this.channel = channel;
            offsets = new long[levels.size()][];
            byteCounts = new long[levels.size()][];
            for (int i = 0; i < levels.size(); i++) {
                offsets[i] = new long[levels.get(i).tilesX() * levels.get(i).tilesY()];
                byteCounts[i] = new long[offsets[i].length];
            }
        }

        void run() throws IOException {
            position = options.bigTiff() ? 16 : 8;
            try (TileEncoder encoder = new TileEncoder(options.compression(), options.jpegQuality())) {
                int top = levels.size() - 1;
                for (int ty = 0; ty < levels.get(top).tilesY(); ty++) {
                    for (int tx = 0; tx < levels.get(top).tilesX(); tx++) {
                        produce(encoder, top, tx, ty);
                    }
                }
            }
            writeDirectories();
        }

        /** Writes one tile of a level (and, first, the tiles below it) and returns its padded pixels. */
        private int[] produce(TileEncoder encoder, int level, int tx, int ty) throws IOException {
            LevelSize size = levels.get(level);
            int[] pixels;
            if (level == 0) {
                pixels = render(tx, ty, size);
            } else {
                pixels = new int[tile * tile];
                LevelSize below = levels.get(level - 1);
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int cx = 2 * tx + dx;
                        int cy = 2 * ty + dy;
                        if (cx < below.tilesX() && cy < below.tilesY()) {
                            halve(produce(encoder, level - 1, cx, cy), pixels, dx * tile / 2, dy * tile / 2);
                        }
                    }
                }
                padEdges(pixels, Math.min(tile, size.width() - tx * tile), Math.min(tile, size.height() - ty * tile));
            }
            int index = ty * size.tilesX() + tx;
            byte[] encoded = encoder.encode(pixels, tile);
            offsets[level][index] = position;
            byteCounts[level][index] = encoded.length;
            writeFully(ByteBuffer.wrap(encoded));
            if (encoded.length % 2 == 1) {
                writeFully(ByteBuffer.allocate(1));
            }
            return pixels;
        }

        private int[] render(int tx, int ty, LevelSize size) {
            int x = tx * tile;
            int y = ty * tile;
            int w = Math.min(tile, size.width() - x);
            int h = Math.min(tile, size.height() - y);
            RgbImage region = source.render(x, y, w, h);
            if (region.width() != w || region.height() != h) {
                throw new IllegalStateException("region source returned " + region.width() + "x" + region.height()
                        + " for a " + w + "x" + h + " request");
            }
            int[] pixels = new int[tile * tile];
            for (int row = 0; row < h; row++) {
                System.arraycopy(region.rgb(), row * w, pixels, row * tile, w);
            }
            padEdges(pixels, w, h);
            return pixels;
        }

        /** Averages 2x2 blocks of a full tile into one quadrant of {@code target}. */
        private void halve(int[] from, int[] target, int offsetX, int offsetY) {
            int half = tile / 2;
            for (int y = 0; y < half; y++) {
                int top = 2 * y * tile;
                int bottom = top + tile;
                int out = (offsetY + y) * tile + offsetX;
                for (int x = 0; x < half; x++) {
                    int a = from[top + 2 * x];
                    int b = from[top + 2 * x + 1];
                    int c = from[bottom + 2 * x];
                    int d = from[bottom + 2 * x + 1];
                    int red = ((a >> 16 & 0xFF) + (b >> 16 & 0xFF) + (c >> 16 & 0xFF) + (d >> 16 & 0xFF) + 2) >> 2;
                    int green = ((a >> 8 & 0xFF) + (b >> 8 & 0xFF) + (c >> 8 & 0xFF) + (d >> 8 & 0xFF) + 2) >> 2;
                    int blue = ((a & 0xFF) + (b & 0xFF) + (c & 0xFF) + (d & 0xFF) + 2) >> 2;
                    target[out + x] = red << 16 | green << 8 | blue;
                }
            }
        }

        /** Repeats the last valid column and row into the padding, so codecs and averages see no false edge. */
        private void padEdges(int[] pixels, int validWidth, int validHeight) {
            for (int y = 0; y < validHeight; y++) {
                int row = y * tile;
                Arrays.fill(pixels, row + validWidth, row + tile, pixels[row + validWidth - 1]);
            }
            for (int y = validHeight; y < tile; y++) {
                System.arraycopy(pixels, (validHeight - 1) * tile, pixels, y * tile, tile);
            }
        }

        private void writeDirectories() throws IOException {
            List<TiffDirectory> directories = new ArrayList<>();
            for (int level = 0; level < levels.size(); level++) {
                directories.add(directory(level));
            }
            int count = directories.size();
            boolean subIfds = options.layout() == PyramidLayout.SUB_IFDS && count > 1;
            if (subIfds) {
                directories.get(0).offsets(SUB_IFDS, new long[count - 1]); // same size; values set below
            }
            long[] at = new long[count];
            long next = position;
            for (int i = 0; i < count; i++) {
                at[i] = next;
                next += directories.get(i).size();
            }
            if (subIfds) {
                directories.get(0).offsets(SUB_IFDS, Arrays.copyOfRange(at, 1, count));
            }
            for (int i = 0; i < count; i++) {
                long following = !subIfds && i + 1 < count ? at[i + 1] : 0;
                writeFully(directories.get(i).encode(at[i], following));
            }
            channel.write(header(at[0]), 0);
        }

        private TiffDirectory directory(int level) {
            LevelSize size = levels.get(level);
            boolean jpeg = options.compression() == Compression.JPEG;
            TiffDirectory directory = new TiffDirectory(options.bigTiff())
                    .longs(NEW_SUBFILE_TYPE, level == 0 ? 0 : 1)
                    .longs(IMAGE_WIDTH, size.width())
                    .longs(IMAGE_LENGTH, size.height())
                    .shorts(BITS_PER_SAMPLE, 8, 8, 8)
                    .shorts(COMPRESSION, switch (options.compression()) {
                        case JPEG -> 7;
                        case DEFLATE -> 8;
                        case LZW -> 5;
                    })
                    // JPEG tiles are YCbCr 4:2:0 inside; TIFF readers convert them back to RGB.
                    .shorts(PHOTOMETRIC, jpeg ? 6 : 2)
                    .shorts(SAMPLES_PER_PIXEL, 3)
                    .shorts(PLANAR_CONFIGURATION, 1)
                    .ascii(SOFTWARE, "HistoPrune")
                    .longs(TILE_WIDTH, tile)
                    .longs(TILE_LENGTH, tile)
                    .offsets(TILE_OFFSETS, offsets[level])
                    .offsets(TILE_BYTE_COUNTS, byteCounts[level]);
            if (jpeg) {
                directory.shorts(YCBCR_SUBSAMPLING, 2, 2);
            } else {
                directory.shorts(PREDICTOR, 2);
            }
            if (level == 0) {
                directory.ascii(IMAGE_DESCRIPTION, description());
            }
            if (options.micronsPerPixel().isPresent()) {
                double pixelsPerCm = 1e4 / (options.micronsPerPixel().getAsDouble() * (1L << level));
                long denominator = 1000;
                while (pixelsPerCm * denominator > 0xFFFF_FFFFL && denominator > 1) {
                    denominator /= 10;
                }
                long numerator = Math.max(1, Math.min(0xFFFF_FFFFL, Math.round(pixelsPerCm * denominator)));
                directory.rational(X_RESOLUTION, numerator, denominator)
                        .rational(Y_RESOLUTION, numerator, denominator)
                        .shorts(RESOLUTION_UNIT, 3);
            }
            return directory;
        }

        private String description() {
            if (!options.description().isEmpty()) {
                return options.description();
            }
            int w = levels.get(0).width();
            int h = levels.get(0).height();
            return options.micronsPerPixel().isPresent()
                    ? String.format(Locale.ROOT, "HistoPrune tiled TIFF %dx%d|MPP = %.6f", w, h,
                            options.micronsPerPixel().getAsDouble())
                    : "HistoPrune tiled TIFF " + w + "x" + h;
        }

        private ByteBuffer header(long firstDirectory) {
            ByteBuffer header = ByteBuffer.allocate(options.bigTiff() ? 16 : 8).order(ByteOrder.LITTLE_ENDIAN);
            header.put((byte) 'I').put((byte) 'I');
            if (options.bigTiff()) {
                header.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(firstDirectory);
            } else {
                header.putShort((short) 42).putInt((int) firstDirectory);
            }
            return header.flip();
        }

        private void writeFully(ByteBuffer buffer) throws IOException {
            if (!options.bigTiff() && position + buffer.remaining() > 0xFFFF_FFFFL) {
                throw new IOException("the TIFF would exceed 4 GB: write it as BigTIFF");
            }
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        }
    }

    private static int ceilDiv(int value, int divisor) {
        return (value + divisor - 1) / divisor;
    }
}
