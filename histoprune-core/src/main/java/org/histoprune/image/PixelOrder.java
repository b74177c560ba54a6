package org.histoprune.image;

import java.util.Arrays;

/**
 * Pixels grouped by region and sorted by value, highest first, ties in raster order. A counting sort groups
 * them by region, then each region is sorted on its own: small sorts that stay in the cache, and the pixels
 * processed one after another lie close together in memory.
 */
final class PixelOrder {
    private PixelOrder() {
    }

    /** Indices of the pixels with {@code regions[i] > 0}: by region id, then highest value first, then index. */
    static int[] byRegionHighestFirst(float[] values, int[] regions) {
        int maxRegion = 0;
        for (int id : regions) {
            maxRegion = Math.max(maxRegion, id);
        }
        int[] start = new int[maxRegion + 2];
        for (int id : regions) {
            if (id > 0) {
                start[id + 1]++;
            }
        }
        for (int r = 1; r < start.length; r++) {
            start[r] += start[r - 1];
        }
        int[] next = Arrays.copyOf(start, start.length);
        long[] keys = new long[start[maxRegion + 1]];
        for (int i = 0; i < regions.length; i++) {
            int id = regions[i];
            if (id > 0) {
                // ~sortable orders by value descending; the index below it breaks ties in raster order.
                keys[next[id]++] = (long) ~FloatOrder.sortable(values[i]) << 32 | i;
            }
        }
        for (int r = 1; r <= maxRegion; r++) {
            Arrays.sort(keys, start[r], start[r + 1]);
        }
        int[] order = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
            order[k] = (int) keys[k];
        }
        return order;
    }
}
