package org.histoprune.image;

/**
 * Marker-controlled watershed by priority flood: starting from the markers, the unlabelled neighbour of
 * lowest cost is labelled next, with the label of the pixel that reached it. Equal costs are taken in the
 * order they were queued (markers in raster order first), so the result is deterministic.
 *
 * <p>Regions are flooded one after another, which keeps the pixels in use close together in memory.
 */
public final class Watershed {
    private Watershed() {
    }

    /**
     * Floods {@code cost} from {@code markers} (id > 0) inside {@code regions} (id > 0), never crossing from
     * one region into another. Pixels outside the regions, and region pixels no marker reaches, stay 0;
     * markers outside the regions are ignored.
     */
    public static LabelImage flood(FloatMap cost, LabelImage markers, LabelImage regions, Connectivity connectivity) {
        int width = cost.width();
        int height = cost.height();
        if (!markers.sameSizeAs(width, height) || !regions.sameSizeAs(width, height)) {
            throw new IllegalArgumentException("cost, markers and regions must have the same size");
        }
        float[] values = cost.values();
        int[] region = regions.labels();
        int[] labels = new int[values.length];
        // The tie-break of each queued key is its queueing age; pixelOfAge turns it back into a pixel.
        int[] pixelOfAge = new int[values.length];
        int age = 0;
        LongMinHeap queue = new LongMinHeap(1024);
        int[] neighbours = new int[8];
        int[] seeds = markersByRegion(markers.labels(), region, regions.maxLabel());
        int next = 0;
        while (next < seeds.length) {
            int current = region[seeds[next]];
            for (; next < seeds.length && region[seeds[next]] == current; next++) {
                int p = seeds[next];
                labels[p] = markers.labels()[p];
                pixelOfAge[age] = p;
                queue.push(FloatOrder.ascending(values[p], age++));
            }
            while (!queue.isEmpty()) {
                int p = pixelOfAge[FloatOrder.tieBreak(queue.pop())];
                int label = labels[p];
                int count = connectivity.neighbours(p % width, p / width, width, height, neighbours);
                for (int k = 0; k < count; k++) {
                    int q = neighbours[k];
                    if (region[q] == current && labels[q] == 0) {
                        labels[q] = label;
                        pixelOfAge[age] = q;
                        queue.push(FloatOrder.ascending(values[q], age++));
                    }
                }
            }
        }
        return new LabelImage(width, height, labels);
    }

    /** The marker pixels inside a region, grouped by region id, in raster order within a region. */
    private static int[] markersByRegion(int[] markers, int[] region, int maxRegion) {
        int[] start = new int[maxRegion + 2];
        int count = 0;
        for (int p = 0; p < markers.length; p++) {
            if (markers[p] > 0 && region[p] > 0) {
                start[region[p] + 1]++;
                count++;
            }
        }
        for (int r = 1; r < start.length; r++) {
            start[r] += start[r - 1];
        }
        int[] grouped = new int[count];
        for (int p = 0; p < markers.length; p++) {
            if (markers[p] > 0 && region[p] > 0) {
                grouped[start[region[p]]++] = p;
            }
        }
        return grouped;
    }
}
