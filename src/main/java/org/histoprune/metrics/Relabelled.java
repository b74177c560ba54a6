package org.histoprune.metrics;

import java.util.Arrays;

/** A label raster renumbered to dense indices 1..count in increasing id order (0 stays background). */
record Relabelled(int[] pixels, int count) {
    /** Ids up to this bound are renumbered through a lookup table; larger ones through a sorted id list. */
    private static final int TABLE_LIMIT = 1 << 20;

    static Relabelled of(int[] labels) {
        int max = 0;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max < Math.max(TABLE_LIMIT, labels.length) ? byTable(labels, max) : bySorting(labels);
    }

    private static Relabelled byTable(int[] labels, int max) {
        int[] index = new int[max + 1];
        for (int label : labels) {
            index[label] = 1;
        }
        index[0] = 0;
        int count = 0;
        for (int id = 1; id <= max; id++) {
            if (index[id] != 0) {
                index[id] = ++count;
            }
        }
        int[] pixels = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            pixels[i] = index[labels[i]];
        }
        return new Relabelled(pixels, count);
    }

    private static Relabelled bySorting(int[] labels) {
        int[] ids = labels.clone();
        Arrays.sort(ids);
        int distinct = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] > 0 && (distinct == 0 || ids[distinct - 1] != ids[i])) {
                ids[distinct++] = ids[i];
            }
        }
        int[] pixels = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            pixels[i] = labels[i] == 0 ? 0 : Arrays.binarySearch(ids, 0, distinct, labels[i]) + 1;
        }
        return new Relabelled(pixels, distinct);
    }
}
