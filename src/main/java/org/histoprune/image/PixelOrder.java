package org.histoprune.image;

import java.util.Arrays;

/**
 * Pixels grouped by region and sorted by value, highest first, ties in raster order: stable
 * least-significant-digit radix sorts on the float's bits (three passes of 11 bits), then on the region id.
 * Grouping by region keeps the pixels processed one after another close together in memory.
 */
final class PixelOrder {
    private static final int DIGIT_BITS = 11;
    private static final int BUCKETS = 1 << DIGIT_BITS;

    private PixelOrder() {
    }

    /** Indices of the pixels with {@code regions[i] > 0}: by region id, then highest value first, then index. */
    static int[] byRegionHighestFirst(float[] values, int[] regions) {
        int count = 0;
        int maxRegion = 0;
        for (int id : regions) {
            if (id > 0) {
                count++;
                maxRegion = Math.max(maxRegion, id);
            }
        }
        int[] pixels = new int[count];
        int[] keys = new int[count];
        int n = 0;
        for (int i = 0; i < regions.length; i++) {
            if (regions[i] > 0) {
                pixels[n] = i;
                // Unsigned ascending order of this key is descending order of the value.
                keys[n++] = ~FloatOrder.sortable(values[i]) ^ Integer.MIN_VALUE;
            }
        }
        int[] sorted = new int[count];
        int[] sortedKeys = new int[count];
        int[] start = new int[BUCKETS];
        for (int shift = 0; shift < Integer.SIZE; shift += DIGIT_BITS) {
            Arrays.fill(start, 0);
            for (int i = 0; i < count; i++) {
                start[(keys[i] >>> shift) & (BUCKETS - 1)]++;
            }
            toStarts(start);
            for (int i = 0; i < count; i++) {
                int slot = start[(keys[i] >>> shift) & (BUCKETS - 1)]++;
                sorted[slot] = pixels[i];
                sortedKeys[slot] = keys[i];
            }
            int[] swap = pixels;
            pixels = sorted;
            sorted = swap;
            swap = keys;
            keys = sortedKeys;
            sortedKeys = swap;
        }
        int[] regionStart = new int[maxRegion + 1];
        for (int p : pixels) {
            regionStart[regions[p]]++;
        }
        toStarts(regionStart);
        for (int p : pixels) {
            sorted[regionStart[regions[p]]++] = p;
        }
        return sorted;
    }

    /** Turns bucket sizes into the index where each bucket starts. */
    private static void toStarts(int[] sizes) {
        int sum = 0;
        for (int b = 0; b < sizes.length; b++) {
            int size = sizes[b];
            sizes[b] = sum;
            sum += size;
        }
    }
}
