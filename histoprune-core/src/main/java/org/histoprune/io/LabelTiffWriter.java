package org.histoprune.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.Deflater;

/**
 * A label image of any size as a tiled, Deflate-compressed TIFF of unsigned 32-bit samples, written tile by tile
 * in any order onto a channel (e.g. an {@link AtomicFiles#begin pending file}): memory stays at one tile. Tiles
 * never written read as 0. Classic TIFF while the uncompressed image stays under 2 GB, BigTIFF past that.
 */
public final class LabelTiffWriter {
    private static final int TAG_WIDTH = 256;
    private static final int TAG_LENGTH = 257;
    private static final int TAG_BITS = 258;
    private static final int TAG_COMPRESSION = 259;
    private static final int TAG_PHOTOMETRIC = 262;
    private static final int TAG_SAMPLES = 277;
    private static final int TAG_PLANAR = 284;
    private static final int TAG_TILE_WIDTH = 322;
    private static final int TAG_TILE_LENGTH = 323;
    private static final int TAG_TILE_OFFSETS = 324;
    private static final int TAG_TILE_BYTE_COUNTS = 325;
    private static final int TAG_SAMPLE_FORMAT = 339;
    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int LONG8 = 16;
    private static final int DEFLATE = 8;

    private final FileChannel channel;
    private final int width;
    private final int height;
    private final int tile;
    private final int tilesX;
    private final boolean big;
    private final long[] offsets;
    private final long[] byteCounts;
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private long position;

    /** Starts a {@code width x height} image of {@code tile}-pixel square tiles (a multiple of 16). */
    public LabelTiffWriter(FileChannel channel, int width, int height, int tile) throws IOException {
        if (width <= 0 || height <= 0 || tile < 16 || tile % 16 != 0) {
            throw new IllegalArgumentException("bad label TIFF geometry " + width + "x" + height + " tile " + tile);
        }
        this.channel = channel;
        this.width = width;
        this.height = height;
        this.tile = tile;
        tilesX = (int) ((width + (long) tile - 1) / tile);
        long tilesY = (height + (long) tile - 1) / tile;
        big = 4L * tilesX * tilesY * tile * tile > Integer.MAX_VALUE;
        offsets = new long[Math.toIntExact(tilesX * tilesY)];
        byteCounts = new long[offsets.length];
        position = big ? 16 : 8;
    }

    public int tile() {
        return tile;
    }

    /** Writes tile (tx, ty) from {@code labels}, a {@code w x h} raster whose pixel (0, 0) is the tile's corner. */
    public void writeTile(int tx, int ty, int[] labels, int w, int h) throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(4 * tile * tile).order(ByteOrder.LITTLE_ENDIAN);
        for (int row = 0; row < tile; row++) {
            for (int col = 0; col < tile; col++) {
                raw.putInt(row < h && col < w ? labels[row * w + col] : 0);
            }
        }
        deflater.reset();
        deflater.setInput(raw.array());
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        int index = ty * tilesX + tx;
        offsets[index] = position;
        byteCounts[index] = compressed.size();
        position += write(ByteBuffer.wrap(compressed.toByteArray()), position);
    }

    /** Writes the tiles never given (as zeros), the directory and the header; the channel stays open. */
    public void finish() throws IOException {
        for (int i = 0; i < offsets.length; i++) {
            if (byteCounts[i] == 0) {
                writeTile(i % tilesX, i / tilesX, new int[0], 0, 0);
            }
        }
        deflater.end();
        long tableOffsets = position;
        int entry = big ? 8 : 4;
        ByteBuffer tables = ByteBuffer.allocate(2 * entry * offsets.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] table : new long[][] {offsets, byteCounts}) {
            for (long value : table) {
                if (big) {
                    tables.putLong(value);
                } else {
                    tables.putInt((int) value);
                }
            }
        }
        position += write(tables.flip(), position);
        long directory = position + (position & 1);
        int[][] entries = {
            {TAG_WIDTH, LONG, 1, width}, {TAG_LENGTH, LONG, 1, height}, {TAG_BITS, SHORT, 1, 32},
            {TAG_COMPRESSION, SHORT, 1, DEFLATE}, {TAG_PHOTOMETRIC, SHORT, 1, 1}, {TAG_SAMPLES, SHORT, 1, 1},
            {TAG_PLANAR, SHORT, 1, 1}, {TAG_TILE_WIDTH, LONG, 1, tile}, {TAG_TILE_LENGTH, LONG, 1, tile},
            {TAG_TILE_OFFSETS, big ? LONG8 : LONG, offsets.length, -1},
            {TAG_TILE_BYTE_COUNTS, big ? LONG8 : LONG, offsets.length, -2}, {TAG_SAMPLE_FORMAT, SHORT, 1, 1}};
        ByteBuffer ifd = ByteBuffer.allocate(big ? 8 + 20 * entries.length + 8 : 2 + 12 * entries.length + 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        if (big) {
            ifd.putLong(entries.length);
        } else {
            ifd.putShort((short) entries.length);
        }
        for (int[] e : entries) {
            ifd.putShort((short) e[0]).putShort((short) e[1]);
            // one tile: its offset and byte count fit in the entry itself instead of pointing to a table
            boolean single = offsets.length == 1;
            long value = e[3] == -1 ? (single ? offsets[0] : tableOffsets)
                    : e[3] == -2 ? (single ? byteCounts[0] : tableOffsets + (long) entry * offsets.length) : e[3];
            boolean inline = e[2] == 1;
            if (big) {
                ifd.putLong(e[2]);
                if (inline && e[1] == SHORT) {
                    ifd.putShort((short) value).putShort((short) 0).putInt(0);
                } else {
                    ifd.putLong(value);
                }
            } else {
                ifd.putInt(e[2]);
                if (inline && e[1] == SHORT) {
                    ifd.putShort((short) value).putShort((short) 0);
                } else {
                    ifd.putInt((int) value);
                }
            }
        }
        if (big) {
            ifd.putLong(0);
        } else {
            ifd.putInt(0);
        }
        write(ifd.flip(), directory);
        ByteBuffer header = ByteBuffer.allocate(big ? 16 : 8).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 'I').put((byte) 'I');
        if (big) {
            header.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(directory);
        } else {
            header.putShort((short) 42).putInt((int) directory);
        }
        write(header.flip(), 0);
    }

    private int write(ByteBuffer buffer, long at) throws IOException {
        int length = buffer.remaining();
        long where = at;
        while (buffer.hasRemaining()) {
            where += channel.write(buffer, where);
        }
        return length;
    }
}
