package org.histoprune.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the overlapping pairs into connected groups (instances linked through shared pixels). A one-to-one
 * assignment of maximum IoU decomposes over these groups, so each is solved on its own small matrix.
 */
final class OverlapGroups {
    private OverlapGroups() {
    }

    /** The pair indices of each group, in increasing order within a group. */
    static List<int[]> of(Overlaps o) {
        int[] parent = new int[o.truthCount + o.predictedCount + 1];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int k = 0; k < o.pairCount(); k++) {
            int a = root(parent, o.pairTruth[k]);
            int b = root(parent, o.truthCount + o.pairPredicted[k]);
            if (a != b) {
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        int[] groupOfRoot = new int[parent.length];
        int[] sizes = new int[o.pairCount()];
        int groups = 0;
        int[] groupOfPair = new int[o.pairCount()];
        for (int k = 0; k < o.pairCount(); k++) {
            int r = root(parent, o.pairTruth[k]);
            if (groupOfRoot[r] == 0) {
                groupOfRoot[r] = ++groups;
            }
            groupOfPair[k] = groupOfRoot[r] - 1;
            sizes[groupOfPair[k]]++;
        }
        List<int[]> result = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            result.add(new int[sizes[g]]);
        }
        int[] filled = new int[groups];
        for (int k = 0; k < o.pairCount(); k++) {
            int g = groupOfPair[k];
            result.get(g)[filled[g]++] = k;
        }
        return result;
    }

    private static int root(int[] parent, int node) {
        while (parent[node] != node) {
            parent[node] = parent[parent[node]];
            node = parent[node];
        }
        return node;
    }
}
