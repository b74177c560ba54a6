package org.histoprune.io;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes one strip or tile of the common lossless TIFF kinds (none, LZW, Deflate, PackBits; 8 or 16-bit gray or
 * RGB(A), chunky, horizontal predictor) straight to packed RGB. Output never exceeds the chunk's own size,
 * whatever the compressed bytes claim. Other kinds (JPEG, palettes, YCbCr, planar...) go to TwelveMonkeys.
 */
final class TiffChunkDecoder {
    private static final Set<Integer> COMPRESSIONS = Set.of(1, 5, 8, 32946, 32773);

    /** Why a chunk could not be decoded; the reader turns it into an InvalidInputException naming the file. */
    static final class CorruptChunkException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptChunkException(String message) {
            super(message);
        }
    }

    private TiffChunkDecoder() {
    }

    static boolean supports(TiffStructure.Directory d) {
        int samples = d.samplesPerPixel();
        boolean rgb = d.photometric() == 2 && (samples == 3 || samples == 4);
        boolean gray = (d.photometric() == 0 || d.photometric() == 1) && (samples == 1 || samples == 2);
        return COMPRESSIONS.contains(d.compression()) && d.planarConfiguration() == 1
                && (d.bitsPerSample() == 8 || d.bitsPerSample() == 16) && (rgb || gray)
                && (d.predictor() == 1 || d.predictor() == 2);
    }

    /** Bytes one decoded chunk of {@code rows} rows takes. */
    static long decodedSize(TiffStructure.Directory d, int rows) {
        return (long) d.chunkWidth() * rows * d.samplesPerPixel() * (d.bitsPerSample() / 8);
    }

    /** Packed RGB of a chunk {@code d.chunkWidth()} pixels wide and {@code rows} high. */
    static int[] decode(byte[] raw, TiffStructure.Directory d, int rows, ByteOrder order) throws CorruptChunkException {
        int expected = Math.toIntExact(decodedSize(d, rows));
        byte[] data = switch (d.compression()) {
            case 1 -> raw;
            case 5 -> lzw(raw, expected);
            case 8, 32946 -> inflate(raw, expected);
            case 32773 -> packBits(raw, expected);
            default -> throw new IllegalStateException("compression " + d.compression());
        };
        if (data.length < expected) {
            throw new CorruptChunkException("data ends after " + data.length + " of " + expected + " bytes");
        }
        int samples = d.samplesPerPixel();
        int width = d.chunkWidth();
        boolean wide = d.bitsPerSample() == 16;
        if (d.predictor() == 2) {
            undoPredictor(data, width, rows, samples, wide, order);
        }
        int[] rgb = new int[width * rows];
        int step = wide ? 2 : 1;
        // The most significant byte of a 16-bit sample is its first byte in big-endian files.
        int high = wide && order == ByteOrder.LITTLE_ENDIAN ? 1 : 0;
        boolean gray = samples <= 2;
        boolean invert = d.photometric() == 0;
        for (int i = 0, at = high; i < rgb.length; i++, at += samples * step) {
            if (gray) {
                int value = data[at] & 0xFF;
                value = invert ? 255 - value : value;
                rgb[i] = value << 16 | value << 8 | value;
            } else {
                rgb[i] = (data[at] & 0xFF) << 16 | (data[at + step] & 0xFF) << 8 | (data[at + 2 * step] & 0xFF);
            }
        }
        return rgb;
    }

    private static void undoPredictor(byte[] data, int width, int rows, int samples, boolean wide, ByteOrder order) {
        if (!wide) {
            int stride = width * samples;
            for (int y = 0; y < rows; y++) {
                int row = y * stride;
                for (int i = row + samples; i < row + stride; i++) {
                    data[i] += data[i - samples];
                }
            }
            return;
        }
        int stride = width * samples * 2;
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        for (int y = 0; y < rows; y++) {
            int row = y * stride;
            for (int i = row + 2 * samples; i < row + stride; i += 2) {
                int previous = sample16(data, i - 2 * samples, little);
                int value = sample16(data, i, little) + previous;
                data[i + (little ? 0 : 1)] = (byte) value;
                data[i + (little ? 1 : 0)] = (byte) (value >> 8);
            }
        }
    }

    private static int sample16(byte[] data, int at, boolean little) {
        return little ? (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 : (data[at] & 0xFF) << 8 | (data[at + 1] & 0xFF);
    }

    private static byte[] inflate(byte[] raw, int expected) throws CorruptChunkException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(raw);
            byte[] out = new byte[expected];
            int length = 0;
            while (length < expected && !inflater.finished()) {
                int count = inflater.inflate(out, length, expected - length);
                if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                length += count;
            }
            return length == expected ? out : Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            throw new CorruptChunkException("Deflate data is corrupt (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    private static byte[] packBits(byte[] raw, int expected) {
        byte[] out = new byte[expected];
        int length = 0;
        int at = 0;
        while (at < raw.length && length < expected) {
            int n = raw[at++];
            if (n >= 0) {
                int count = Math.min(n + 1, Math.min(raw.length - at, expected - length));
                System.arraycopy(raw, at, out, length, count);
                at += n + 1;
                length += count;
            } else if (n != -128 && at < raw.length) {
                int count = Math.min(1 - n, expected - length);
                Arrays.fill(out, length, length + count, raw[at++]);
                length += count;
            }
        }
        return length == expected ? out : Arrays.copyOf(out, length);
    }

    /** TIFF LZW (MSB-first codes, early change), stopping at {@code expected} bytes. */
    private static byte[] lzw(byte[] raw, int expected) throws CorruptChunkException {
        short[] prefix = new short[4096];
        byte[] suffix = new byte[4096];
        byte[] first = new byte[4096];
        int[] lengths = new int[4096];
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            lengths[i] = 1;
        }
        byte[] out = new byte[expected];
        int length = 0;
        int bits = 9;
        int next = 258;
        int old = -1;
        long buffer = 0;
        int buffered = 0;
        int at = 0;
        while (length < expected) {
            while (buffered < bits && at < raw.length) {
                buffer = buffer << 8 | (raw[at++] & 0xFF);
                buffered += 8;
            }
            if (buffered < bits) {
                break;
            }
            int code = (int) (buffer >>> (buffered - bits)) & ((1 << bits) - 1);
            buffered -= bits;
            if (code == 257) {
                break;
            }
            if (code == 256) {
                bits = 9;
                next = 258;
                old = -1;
                continue;
            }
            if (old < 0) {
                if (code > 255) {
                    throw new CorruptChunkException("LZW data starts with code " + code);
                }
                out[length++] = (byte) code;
                old = code;
                continue;
            }
            if (code > next || next >= 4096 && code == next) {
                throw new CorruptChunkException("LZW code " + code + " is not in the table (" + next + " entries)");
            }
            byte head = code < next ? first[code] : first[old];
            if (next < 4096) {
                prefix[next] = (short) old;
                suffix[next] = code < next ? head : first[old];
                first[next] = first[old];
                lengths[next] = lengths[old] + 1;
                next++;
                if (next >= (1 << bits) - 1 && bits < 12) {
                    bits++;
                }
            }
            length = writeString(code, prefix, suffix, lengths, out, length);
            old = code;
        }
        return length == expected ? out : Arrays.copyOf(out, length);
    }

    /** Writes the string of a code (clipped to the output) and returns the new output length. */
    private static int writeString(int code, short[] prefix, byte[] suffix, int[] lengths, byte[] out, int length) {
        int size = lengths[code];
        int end = length + size;
        for (int c = code, position = end - 1; position >= length; position--) {
            if (position < out.length) {
                out[position] = suffix[c];
            }
            c = prefix[c];
        }
        return Math.min(end, out.length);
    }
}
