package org.histoprune.image;

import java.util.Arrays;

/**
 * Seeds for a watershed: the regional maxima of a map whose dynamic (height above the highest saddle that
 * connects them to a higher maximum) reaches a minimum height, thinned to a minimum distance.
 *
 * <p>Pixels of the mask are visited from the highest down and merged with their visited 8-neighbours by a
 * union-find; when two components meet at a saddle, the one with the lower peak ends there and its dynamic
 * is {@code peak - saddle}. The highest peak of each 8-connected component of the mask never meets a
 * higher one, so every component keeps at least one seed. A plateau is one maximum, represented by its
 * first pixel in raster order.
 */
public final class RegionalMaxima {
    private RegionalMaxima() {
    }

    /**
     * Seeds as a marker image, ids 1..N from the highest peak down (ties: raster order), one pixel each.
     *
     * @param mask        where to look; maxima of different 8-connected components never merge or suppress
     *                    each other
     * @param minHeight   the least dynamic a maximum needs (>= 0); plateaus always yield one seed
     * @param minDistance seeds closer than this (Euclidean, px) to a higher seed of the same component are dropped
     */
    public static LabelImage seeds(FloatMap map, boolean[] mask, double minHeight, double minDistance) {
        int width = map.width();
        int height = map.height();
        if (mask.length != map.values().length) {
            throw new IllegalArgumentException("mask holds " + mask.length + " values, map is " + width + "x" + height);
        }
        if (!(minHeight >= 0) || !(minDistance >= 0)) {
            throw new IllegalArgumentException("minHeight and minDistance must be >= 0");
        }
        float[] values = map.values();
        int[] order = PixelOrder.highestFirst(values, mask);
        int[] parent = new int[values.length];
        boolean[] isPeak = significantPeaks(values, order, parent, width, height, minHeight);
        return thin(order, isPeak, parent, width, height, minDistance);
    }

    /** Marks the peaks of enough dynamic; leaves in {@code parent} the union-find forest of the components. */
    private static boolean[] significantPeaks(float[] values, int[] order, int[] parent, int width, int height,
            double minHeight) {
        // parent[p] == -1: not visited yet. peakRank[root]: position in order of its component's peak.
        Arrays.fill(parent, -1);
        int[] peakRank = new int[values.length];
        boolean[] isPeak = new boolean[values.length];
        int[] neighbours = new int[8];
        for (int rank = 0; rank < order.length; rank++) {
            int p = order[rank];
            parent[p] = p;
            peakRank[p] = rank;
            int rootP = p;
            int count = Connectivity.EIGHT.neighbours(p % width, p / width, width, height, neighbours);
            for (int k = 0; k < count; k++) {
                int q = neighbours[k];
                if (parent[q] < 0) {
                    continue;
                }
                int rootQ = find(parent, q);
                if (rootQ == rootP) {
                    continue;
                }
                if (rootP == p) {
                    // p alone is no peak: it has a visited neighbour, which is at least as high.
                    parent[p] = rootQ;
                    rootP = rootQ;
                    continue;
                }
                // The component whose peak comes later in the order is the lower one: it ends at this saddle.
                int lower = peakRank[rootP] > peakRank[rootQ] ? rootP : rootQ;
                int higher = lower == rootP ? rootQ : rootP;
                int lowerPeak = order[peakRank[lower]];
                double dynamic = (double) values[lowerPeak] - values[p];
                isPeak[lowerPeak] = dynamic > 0 && dynamic >= minHeight;
                parent[lower] = higher;
                rootP = higher;
            }
        }
        for (int p : order) {
            if (parent[p] == p) {
                isPeak[order[peakRank[p]]] = true;
            }
        }
        return isPeak;
    }

    private static int find(int[] parent, int p) {
        while (parent[p] != p) {
            parent[p] = parent[parent[p]];
            p = parent[p];
        }
        return p;
    }

    private static LabelImage thin(int[] order, boolean[] isPeak, int[] parent, int width, int height,
            double minDistance) {
        int[] seeds = new int[parent.length];
        boolean[] blocked = new boolean[parent.length];
        int reach = (int) Math.ceil(minDistance) - 1;
        double minSquared = minDistance * minDistance;
        int next = 0;
        for (int p : order) {
            if (!isPeak[p] || blocked[p]) {
                continue;
            }
            seeds[p] = ++next;
            int component = find(parent, p);
            int px = p % width;
            int py = p / width;
            for (int y = Math.max(0, py - reach); y <= Math.min(height - 1, py + reach); y++) {
                for (int x = Math.max(0, px - reach); x <= Math.min(width - 1, px + reach); x++) {
                    int q = y * width + x;
                    int dx = x - px;
                    int dy = y - py;
                    if (dx * dx + dy * dy < minSquared && parent[q] >= 0 && find(parent, q) == component) {
                        blocked[q] = true;
                    }
                }
            }
        }
        return new LabelImage(width, height, seeds);
    }
}
