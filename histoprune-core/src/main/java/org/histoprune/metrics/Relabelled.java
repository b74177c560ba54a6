package org.histoprune.metrics;

import java.util.Arrays;

/**
 * A label raster renumbered to dense indices 1..count in increasing id order (0 stays background): the dense
 * index of pixel i is {@code table[pixels[i]]}. Usually {@code pixels} are the labels themselves and
 * {@code table} maps id to index, so no per-pixel copy is made; ids too large for a table are renumbered
 * into a new pixel array and the table is the identity.
 */
record Relabelled(int[] pixels, int[] table, int count) {
    /** Ids below this bound (or below the pixel count) are renumbered through a table. */
    private static final int TABLE_LIMIT = 1 << 20;

    static Relabelled of(int[] labels) {
        int limit = Math.max(TABLE_LIMIT, labels.length);
        // One pass marks the ids present, growing the table as larger ids appear.
        int[] table = new int[1 << 16];
        for (int label : labels) {
            if (label >= table.length) {
                if (label >= limit) {
                    return bySorting(labels);
                }
                table = Arrays.copyOf(table, Math.max(label + 1, Math.min(limit, 2 * table.length)));
            }
            table[label] = 1;
        }
        table[0] = 0;
        int count = 0;
        for (int id = 1; id < table.length; id++) {
            if (table[id] != 0) {
                table[id] = ++count;
            }
        }
        return new Relabelled(labels, table, count);
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
        int[] identity = new int[distinct + 1];
        Arrays.setAll(identity, i -> i);
        return new Relabelled(pixels, identity, distinct);
    }
}
