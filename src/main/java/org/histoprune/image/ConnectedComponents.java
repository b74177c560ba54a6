package org.histoprune.image;

/** Connected components of a binary mask. */
public final class ConnectedComponents {
    private ConnectedComponents() {
    }

    /**
     * Labels the components of {@code mask} 1..N in the raster order of their first pixel; 0 off the mask.
     */
    public static LabelImage label(boolean[] mask, int width, int height, Connectivity connectivity) {
        Dimensions.check(width, height, mask.length);
        int[] labels = new int[mask.length];
        int[] queue = new int[mask.length];
        int[] neighbours = new int[8];
        int next = 0;
        for (int seed = 0; seed < mask.length; seed++) {
            if (!mask[seed] || labels[seed] != 0) {
                continue;
            }
            int id = ++next;
            labels[seed] = id;
            queue[0] = seed;
            int end = 1;
            for (int head = 0; head < end; head++) {
                int p = queue[head];
                int count = connectivity.neighbours(p % width, p / width, width, height, neighbours);
                for (int k = 0; k < count; k++) {
                    int q = neighbours[k];
                    if (mask[q] && labels[q] == 0) {
                        labels[q] = id;
                        queue[end++] = q;
                    }
                }
            }
        }
        return new LabelImage(width, height, labels);
    }
}
