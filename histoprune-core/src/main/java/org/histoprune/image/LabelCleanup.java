package org.histoprune.image;

/** The clean-up steps after a watershed: drop small objects, fill holes, number the objects 1..N. */
public final class LabelCleanup {
    private static final int NO_OWNER = 0;
    private static final int SEVERAL_OWNERS = -1;

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
        int[] labels = image.labels();
        boolean[] background = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            background[i] = labels[i] == 0;
        }
        int[] region = ConnectedComponents.label(background, width, height, Connectivity.FOUR).labels();
        int regions = 0;
        for (int id : region) {
            regions = Math.max(regions, id);
        }
        // owner[r]: the one object region r borders on, NO_OWNER, or SEVERAL_OWNERS (also for the border).
        int[] owner = new int[regions + 1];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int r = region[p];
                if (r == 0 || owner[r] == SEVERAL_OWNERS) {
                    continue;
                }
                if (x == 0 || y == 0 || x == width - 1 || y == height - 1) {
                    owner[r] = SEVERAL_OWNERS;
                    continue;
                }
                owner[r] = join(join(join(join(owner[r], labels[p - 1]), labels[p + 1]), labels[p - width]),
                        labels[p + width]);
            }
        }
        int[] out = labels.clone();
        for (int p = 0; p < out.length; p++) {
            int r = region[p];
            if (r > 0 && owner[r] > 0) {
                out[p] = owner[r];
            }
        }
        return new LabelImage(width, height, out);
    }

    /** The owner after seeing a neighbour with id {@code neighbour} (0: background, which changes nothing). */
    private static int join(int owner, int neighbour) {
        if (neighbour == 0 || owner == neighbour) {
            return owner;
        }
        return owner == NO_OWNER ? neighbour : SEVERAL_OWNERS;
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
