package org.histoprune.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** One TIFF image file directory being written: tags and values, laid out as classic TIFF or BigTIFF. */
final class TiffDirectory {
    static final int SHORT = 3;
    static final int LONG = 4;
    static final int RATIONAL = 5;
    static final int ASCII = 2;
    static final int LONG8 = 16;

    private record Entry(int type, long[] values) {
        int typeSize() {
            return switch (type) {
                case ASCII -> 1;
                case SHORT -> 2;
                case LONG -> 4;
                case RATIONAL, LONG8 -> 8;
                default -> throw new IllegalStateException("type " + type);
            };
        }

        long count() {
            return type == RATIONAL ? values.length / 2 : values.length;
        }

        long byteCount() {
            return count() * typeSize();
        }
    }

    private final boolean bigTiff;
    private final Map<Integer, Entry> entries = new TreeMap<>();

    TiffDirectory(boolean bigTiff) {
        this.bigTiff = bigTiff;
    }

    TiffDirectory shorts(int tag, int... values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i];
        }
        entries.put(tag, new Entry(SHORT, longs));
        return this;
    }

    TiffDirectory longs(int tag, long... values) {
        entries.put(tag, new Entry(LONG, values));
        return this;
    }

    /** File offsets and byte counts: 32-bit in classic TIFF, 64-bit in BigTIFF. */
    TiffDirectory offsets(int tag, long... values) {
        entries.put(tag, new Entry(bigTiff ? LONG8 : LONG, values));
        return this;
    }

    TiffDirectory rational(int tag, long numerator, long denominator) {
        entries.put(tag, new Entry(RATIONAL, new long[] {numerator, denominator}));
        return this;
    }

    TiffDirectory ascii(int tag, String text) {
        byte[] bytes = (text + '\0').getBytes(StandardCharsets.UTF_8);
        long[] values = new long[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        entries.put(tag, new Entry(ASCII, values));
        return this;
    }

    private int inlineBytes() {
        return bigTiff ? 8 : 4;
    }

    /** Bytes taken by the directory and the values that do not fit in their entries; always even. */
    long size() {
        long size = bigTiff ? 8 + 20L * entries.size() + 8 : 2 + 12L * entries.size() + 4;
        for (Entry entry : entries.values()) {
            if (entry.byteCount() > inlineBytes()) {
                size += even(entry.byteCount());
            }
        }
        return size;
    }

    /** The directory as it sits at {@code position} in the file, pointing to the next one (0 for none). */
    ByteBuffer encode(long position, long next) {
        long total = size();
        if (!bigTiff && position + total > 0xFFFF_FFFFL) {
            throw new IllegalStateException("classic TIFF cannot exceed 4 GB: use BigTIFF");
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
        // Values too long for their entries follow the directory, in tag order.
        ByteBuffer values = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        values.position(bigTiff ? 8 + 20 * entries.size() + 8 : 2 + 12 * entries.size() + 4);
        putCount(out, entries.size(), bigTiff ? 8 : 2);
        for (Map.Entry<Integer, Entry> tagged : entries.entrySet()) {
            Entry entry = tagged.getValue();
            out.putShort((short) (int) tagged.getKey());
            out.putShort((short) entry.type());
            putCount(out, entry.count(), bigTiff ? 8 : 4);
            if (entry.byteCount() <= inlineBytes()) {
                int start = out.position();
                putValues(out, entry);
                out.position(start + inlineBytes());
            } else {
                putCount(out, position + values.position(), inlineBytes());
                putValues(values, entry);
                if (values.position() % 2 == 1) {
                    values.put((byte) 0);
                }
            }
        }
        putCount(out, next, bigTiff ? 8 : 4);
        out.position(0);
        return out;
    }

    private static void putValues(ByteBuffer out, Entry entry) {
        for (long value : entry.values()) {
            switch (entry.type()) {
                case ASCII -> out.put((byte) value);
                case SHORT -> out.putShort((short) value);
                case LONG, RATIONAL -> out.putInt((int) value);
                default -> out.putLong(value);
            }
        }
    }

    private static void putCount(ByteBuffer out, long value, int bytes) {
        switch (bytes) {
            case 2 -> out.putShort((short) value);
            case 4 -> out.putInt((int) value);
            default -> out.putLong(value);
        }
    }

    private static long even(long bytes) {
        return bytes + (bytes & 1);
    }
}
