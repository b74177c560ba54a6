package org.histoprune.io;

import java.util.Arrays;

/**
 * TIFF LZW compression (MSB-first codes of 9 to 12 bits, "early change"), following libtiff's encoder so
 * that every TIFF reader decodes it.
 */
final class LzwEncoder {
    private static final int CLEAR = 256;
    private static final int END = 257;
    private static final int FIRST = 258;
    private static final int MAX_CODE = 4095;
    private static final int HASH_SIZE = 9001;

    // Open-addressed table from (prefix code, next byte) to code; key 0 marks a free slot.
    private final int[] keys = new int[HASH_SIZE];
    private final short[] codes = new short[HASH_SIZE];
    private byte[] out;
    private int length;
    private long bitBuffer;
    private int bitCount;

    byte[] encode(byte[] data) {
        out = new byte[Math.max(64, data.length / 2)];
        length = 0;
        bitBuffer = 0;
        bitCount = 0;
        int bits = 9;
        int next = FIRST;
        Arrays.fill(keys, 0);
        put(CLEAR, bits);
        if (data.length > 0) {
            int prefix = data[0] & 0xFF;
            for (int i = 1; i < data.length; i++) {
                int c = data[i] & 0xFF;
                int key = (prefix << 8 | c) + 1;
                int slot = find(key);
                if (keys[slot] == key) {
                    prefix = codes[slot];
                    continue;
                }
                put(prefix, bits);
                keys[slot] = key;
                codes[slot] = (short) next++;
                prefix = c;
                if (next == MAX_CODE - 1) {
                    put(CLEAR, bits);
                    Arrays.fill(keys, 0);
                    bits = 9;
                    next = FIRST;
                } else if (next > (1 << bits) - 1) {
                    bits++;
                }
            }
            put(prefix, bits);
            next++;
            if (next == MAX_CODE - 1) {
                put(CLEAR, bits);
                bits = 9;
            } else if (next > (1 << bits) - 1) {
                bits++;
            }
        }
        put(END, bits);
        if (bitCount > 0) {
            write((int) (bitBuffer << (8 - bitCount)));
        }
        return Arrays.copyOf(out, length);
    }

    private int find(int key) {
        int slot = (int) ((key * 2654435761L & 0xFFFF_FFFFL) % HASH_SIZE);
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = slot + 1 == HASH_SIZE ? 0 : slot + 1;
        }
        return slot;
    }

    private void put(int code, int bits) {
        bitBuffer = bitBuffer << bits | code;
        bitCount += bits;
        while (bitCount >= 8) {
            bitCount -= 8;
            write((int) (bitBuffer >>> bitCount));
        }
        bitBuffer &= (1L << bitCount) - 1;
    }

    private void write(int value) {
        if (length == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[length++] = (byte) value;
    }
}
