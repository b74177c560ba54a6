package org.histoprune.image;

/** The clean-up steps after a watershed: drop small objects, fill holes, number the objects 1..N. */
public final class LabelCleanup {
    private LabelCleanup() {
    }

    /** A copy without the objects of fewer than {@code minSize} pixels (set to background). */
    public static LabelImage removeSmallerThan(LabelImage image, int minSize) {
        int[] labels = image.labels();
        int[] area = new int[image.maxLabel() + 1];
        for (int id : labels) {
            area[id]++;
        }
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int id = labels[i];
            out[i] = area[id] >= minSize ? id : 0;
        }
        return new LabelImage(image.width(), image.height(), out);
    }

    /**
     * A copy where every hole is given to the object around it. A hole is a 4-connected background region
     * that does not touch the image border and borders on exactly one object (so background enclosed by
     * two touching objects stays background).
     */
    public static LabelImage fillHoles(LabelImage image) {
        int width = image.width();
        int height = image.height();
        int[] labels = image.labels().clone();
        boolean[] seen = new boolean[labels.length];
        int[] queue = new int[labels.length];
        int[] neighbours = new int[8];
        for (int seed = 0; seed < labels.length; seed++) {
            if (labels[seed] != 0 || seen[seed]) {
                continue;
            }
            seen[seed] = true;
            queue[0] = seed;
            int end = 1;
            boolean touchesBorder = false;
            int owner = 0;
            for (int head = 0; head < end; head++) {
                int p = queue[head];
                int x = p % width;
                int y = p / width;
                touchesBorder |= x == 0 || y == 0 || x == width - 1 || y == height - 1;
                int count = Connectivity.FOUR.neighbours(x, y, width, height, neighbours);
                for (int k = 0; k < count; k++) {
                    int q = neighbours[k];
                    int id = labels[q];
                    if (id == 0) {
                        if (!seen[q]) {
                            seen[q] = true;
                            queue[end++] = q;
                        }
                    } else if (owner == 0) {
                        owner = id;
                    } else if (owner != id) {
                        owner = -1;
                    }
                }
            }
            if (!touchesBorder && owner > 0) {
                for (int i = 0; i < end; i++) {
                    labels[queue[i]] = owner;
                }
            }
        }
        return new LabelImage(width, height, labels);
    }

    /** A copy with the ids renumbered 1..N in the raster order of each object's first pixel. */
    public static LabelImage relabel(LabelImage image) {
        int[] labels = image.labels();
        int[] newId = new int[image.maxLabel() + 1];
        int next = 0;
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int id = labels[i];
            if (id > 0) {
                if (newId[id] == 0) {
                    newId[id] = ++next;
                }
                out[i] = newId[id];
            }
        }
        return new LabelImage(image.width(), image.height(), out);
    }
}
