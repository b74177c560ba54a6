package org.histoprune.image;

/**
 * Marker-controlled watershed by priority flood: starting from the markers, the unlabelled neighbour of
 * lowest cost is labelled next, with the label of the pixel that reached it. Equal costs are taken in the
 * order they were queued (markers in raster order first), so the result is deterministic.
 */
public final class Watershed {
    private Watershed() {
    }

    /**
     * Floods {@code cost} from {@code markers} (id > 0) inside {@code mask}. Pixels off the mask, and mask
     * pixels no marker can reach, stay 0; markers off the mask are ignored.
     */
    public static LabelImage flood(FloatMap cost, LabelImage markers, boolean[] mask, Connectivity connectivity) {
        int width = cost.width();
        int height = cost.height();
        if (!markers.sameSizeAs(width, height) || mask.length != cost.values().length) {
            throw new IllegalArgumentException("cost, markers and mask must have the same size");
        }
        float[] values = cost.values();
        int[] seeds = markers.labels();
        int[] labels = new int[values.length];
        // The tie-break of each queued key is its queueing age; pixelOfAge turns it back into a pixel.
        int[] pixelOfAge = new int[values.length];
        int age = 0;
        LongMinHeap queue = new LongMinHeap(1024);
        for (int p = 0; p < seeds.length; p++) {
            if (seeds[p] > 0 && mask[p]) {
                labels[p] = seeds[p];
                pixelOfAge[age] = p;
                queue.push(FloatOrder.ascending(values[p], age++));
            }
        }
        int[] neighbours = new int[8];
        while (!queue.isEmpty()) {
            int p = pixelOfAge[FloatOrder.tieBreak(queue.pop())];
            int label = labels[p];
            int count = connectivity.neighbours(p % width, p / width, width, height, neighbours);
            for (int k = 0; k < count; k++) {
                int q = neighbours[k];
                if (mask[q] && labels[q] == 0) {
                    labels[q] = label;
                    pixelOfAge[age] = q;
                    queue.push(FloatOrder.ascending(values[q], age++));
                }
            }
        }
        return new LabelImage(width, height, labels);
    }
}
