package org.histoprune.image;

import java.util.Arrays;

/**
 * Seeds for a watershed: the regional maxima of a map whose dynamic (height above the highest saddle that
 * connects them to a higher maximum) reaches a minimum height, thinned to a minimum distance.
 *
 * <p>The pixels of each region are visited from the highest down and merged with their visited 8-neighbours
 * of the same region by a union-find; when two components meet at a saddle, the one with the lower peak ends
 * there and its dynamic is {@code peak - saddle}. The highest peak of each connected part of a region never
 * meets a higher one, so it is always a seed. A plateau is one maximum, represented by its first pixel in
 * raster order.
 */
public final class RegionalMaxima {
    private RegionalMaxima() {
    }

    /**
     * Seeds as a marker image of one pixel each, ids 1..N by region, then from the highest peak down (ties:
     * raster order).
     *
     * @param regions     where to look (id > 0); maxima of different regions never merge or suppress each other
     * @param minHeight   the least dynamic a maximum needs (>= 0); plateaus always yield one seed
     * @param minDistance seeds closer than this (Euclidean, px) to a higher seed of the same region are dropped
     */
    public static LabelImage seeds(FloatMap map, LabelImage regions, double minHeight, double minDistance) {
        int width = map.width();
        int height = map.height();
        if (!regions.sameSizeAs(width, height)) {
            throw new IllegalArgumentException("regions are " + regions.width() + "x" + regions.height()
                    + ", map is " + width + "x" + height);
        }
        if (!(minHeight >= 0) || !(minDistance >= 0)) {
            throw new IllegalArgumentException("minHeight and minDistance must be >= 0");
        }
        float[] values = map.values();
        int[] region = regions.labels();
        int[] order = PixelOrder.byRegionHighestFirst(values, region);
        boolean[] isPeak = significantPeaks(values, region, order, width, height, minHeight);
        return thin(order, isPeak, region, width, height, minDistance);
    }

    private static boolean[] significantPeaks(float[] values, int[] region, int[] order, int width, int height,
            double minHeight) {
        // parent[p] == -1: not visited yet. peakRank[root]: position in order of its component's peak.
        int[] parent = new int[values.length];
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
                if (parent[q] < 0 || region[q] != region[p]) {
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

    private static LabelImage thin(int[] order, boolean[] isPeak, int[] region, int width, int height,
            double minDistance) {
        int[] seeds = new int[region.length];
        boolean[] blocked = new boolean[region.length];
        int reach = (int) Math.ceil(minDistance) - 1;
        double minSquared = minDistance * minDistance;
        int next = 0;
        for (int p : order) {
            if (!isPeak[p] || blocked[p]) {
                continue;
            }
            seeds[p] = ++next;
            int px = p % width;
            int py = p / width;
            for (int y = Math.max(0, py - reach); y <= Math.min(height - 1, py + reach); y++) {
                for (int x = Math.max(0, px - reach); x <= Math.min(width - 1, px + reach); x++) {
                    int q = y * width + x;
                    int dx = x - px;
                    int dy = y - py;
                    if (dx * dx + dy * dy < minSquared && region[q] == region[p]) {
                        blocked[q] = true;
                    }
                }
            }
        }
        return new LabelImage(width, height, seeds);
    }
}
