package org.histoprune.image;

/**
 * Pixels sorted by value, highest first, ties in raster order: a stable least-significant-digit radix sort
 * on the float's bits (three passes of 11 bits), linear in the number of pixels.
 */
final class PixelOrder {
    private static final int DIGIT_BITS = 11;
    private static final int BUCKETS = 1 << DIGIT_BITS;

    private PixelOrder() {
    }

    /** Indices of the selected pixels, highest value first, equal values by index. */
    static int[] highestFirst(float[] values, boolean[] selected) {
        int count = 0;
        for (boolean chosen : selected) {
            if (chosen) {
                count++;
            }
        }
        int[] pixels = new int[count];
        int[] keys = new int[count];
        int n = 0;
        for (int i = 0; i < selected.length; i++) {
            if (selected[i]) {
                pixels[n] = i;
                // Unsigned ascending order of this key is descending order of the value.
                keys[n++] = ~FloatOrder.sortable(values[i]) ^ Integer.MIN_VALUE;
            }
        }
        int[] otherPixels = new int[count];
        int[] otherKeys = new int[count];
        int[] start = new int[BUCKETS];
        for (int shift = 0; shift < Integer.SIZE; shift += DIGIT_BITS) {
            java.util.Arrays.fill(start, 0);
            for (int i = 0; i < count; i++) {
                start[(keys[i] >>> shift) & (BUCKETS - 1)]++;
            }
            int sum = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int size = start[b];
                start[b] = sum;
                sum += size;
            }
            for (int i = 0; i < count; i++) {
                int slot = start[(keys[i] >>> shift) & (BUCKETS - 1)]++;
                otherPixels[slot] = pixels[i];
                otherKeys[slot] = keys[i];
            }
            int[] swap = pixels;
            pixels = otherPixels;
            otherPixels = swap;
            swap = keys;
            keys = otherKeys;
            otherKeys = swap;
        }
        return pixels;
    }
}
