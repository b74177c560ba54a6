package org.histoprune.metrics;

import java.util.Arrays;

/** One-to-one pairing of maximum total IoU within one group of overlapping instances. */
final class Assignment {
    private Assignment() {
    }

    /** The chosen pair indices; pairs of IoU 0 are never chosen since only overlapping pairs exist. */
    static int[] maximumIou(Overlaps o, int[] group) {
        if (group.length == 1) {
            return group;
        }
        int[] truthIndex = localIndices(o.pairTruth, group);
        int[] predictedIndex = localIndices(o.pairPredicted, group);
        int rows = max(truthIndex) + 1;
        int columns = max(predictedIndex) + 1;
        double[][] iou = new double[rows][columns];
        int[][] pairAt = new int[rows][columns];
        for (int[] row : pairAt) {
            Arrays.fill(row, -1);
        }
        for (int i = 0; i < group.length; i++) {
            iou[truthIndex[i]][predictedIndex[i]] = o.pairIou(group[i]);
            pairAt[truthIndex[i]][predictedIndex[i]] = group[i];
        }
        int[] columnOfRow = Hungarian.maximize(iou);
        int[] chosen = new int[rows];
        int count = 0;
        for (int r = 0; r < rows; r++) {
            if (columnOfRow[r] >= 0 && pairAt[r][columnOfRow[r]] >= 0) {
                chosen[count++] = pairAt[r][columnOfRow[r]];
            }
        }
        return Arrays.copyOf(chosen, count);
    }

    /** Renumbers the instance indices of the group's pairs to 0..n-1, keeping their order. */
    private static int[] localIndices(int[] instanceOfPair, int[] group) {
        int[] instances = new int[group.length];
        for (int i = 0; i < group.length; i++) {
            instances[i] = instanceOfPair[group[i]];
        }
        int[] distinct = Arrays.stream(instances).distinct().sorted().toArray();
        int[] local = new int[group.length];
        for (int i = 0; i < group.length; i++) {
            local[i] = Arrays.binarySearch(distinct, instances[i]);
        }
        return local;
    }

    private static int max(int[] values) {
        return Arrays.stream(values).max().orElse(-1);
    }
}
