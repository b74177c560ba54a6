package org.histoprune.image;

/**
 * Connected components of a binary mask, by two raster scans: the first joins each pixel with its earlier
 * neighbours in a union-find whose roots are the first pixel of their component, the second numbers them.
 */
public final class ConnectedComponents {
    private ConnectedComponents() {
    }

    /**
     * Labels the components of {@code mask} 1..N in the raster order of their first pixel; 0 off the mask.
     */
    public static LabelImage label(boolean[] mask, int width, int height, Connectivity connectivity) {
        Dimensions.check(width, height, mask.length);
        int[] parent = new int[mask.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int p = row + x;
                if (!mask[p]) {
                    continue;
                }
                parent[p] = p;
                if (x > 0 && mask[p - 1]) {
                    union(parent, p, p - 1);
                }
                if (y == 0) {
                    continue;
                }
                int up = p - width;
                if (mask[up]) {
                    union(parent, p, up);
                } else if (connectivity == Connectivity.EIGHT) {
                    // With the pixel above inside, its diagonal neighbours are already joined with it.
                    if (x > 0 && mask[up - 1]) {
                        union(parent, p, up - 1);
                    }
                    if (x < width - 1 && mask[up + 1]) {
                        union(parent, p, up + 1);
                    }
                }
            }
        }
        // Every parent has a lower index, so one raster pass leaves each pixel pointing at its root.
        int[] labels = new int[mask.length];
        int next = 0;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p]) {
                int root = parent[parent[p]];
                parent[p] = root;
                labels[p] = root == p ? ++next : labels[root];
            }
        }
        return new LabelImage(width, height, labels);
    }

    private static void union(int[] parent, int a, int b) {
        int rootA = find(parent, a);
        int rootB = find(parent, b);
        if (rootA < rootB) {
            parent[rootB] = rootA;
        } else if (rootB < rootA) {
            parent[rootA] = rootB;
        }
    }

    private static int find(int[] parent, int p) {
        while (parent[p] != p) {
            parent[p] = parent[parent[p]];
            p = parent[p];
        }
        return p;
    }
}
