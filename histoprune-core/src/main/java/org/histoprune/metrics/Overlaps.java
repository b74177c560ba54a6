package org.histoprune.metrics;

import java.util.Arrays;
import org.histoprune.image.LabelImage;

/**
 * Areas of the instances of two label images and the intersection of every overlapping (truth, predicted)
 * pair, counted in one pass over the pixels. Instances are numbered densely from 1 in increasing id order;
 * index 0 of the area arrays is the background. Pairs are sorted by truth index, then predicted index.
 */
final class Overlaps {
    final int truthCount;
    final int predictedCount;
    final int[] truthAreas;
    final int[] predictedAreas;
    final int[] pairTruth;
    final int[] pairPredicted;
    final int[] pairIntersection;

    private Overlaps(Relabelled truth, Relabelled predicted) {
        truthCount = truth.count();
        predictedCount = predicted.count();
        truthAreas = new int[truthCount + 1];
        predictedAreas = new int[predictedCount + 1];
        int[] t = truth.pixels();
        int[] p = predicted.pixels();
        int[] truthTable = truth.table();
        int[] predictedTable = predicted.table();
        long stride = predictedCount + 1L;
        PairCounts counts = new PairCounts();
        // Neighbouring pixels mostly share their (truth, predicted) pair: count runs of equal pairs and touch
        // the areas and the table once per run, which also avoids chains of increments on one counter.
        int runTruth = t[0];
        int runPredicted = p[0];
        int runLength = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] != runTruth || p[i] != runPredicted) {
                addRun(truthTable[runTruth], predictedTable[runPredicted], runLength, stride, counts);
                runTruth = t[i];
                runPredicted = p[i];
                runLength = 0;
            }
            runLength++;
        }
        addRun(truthTable[runTruth], predictedTable[runPredicted], runLength, stride, counts);
        long[] keys = counts.keys();
        Arrays.sort(keys);
        pairTruth = new int[keys.length];
        pairPredicted = new int[keys.length];
        pairIntersection = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
            pairTruth[k] = (int) (keys[k] / stride);
            pairPredicted[k] = (int) (keys[k] % stride);
            pairIntersection[k] = counts.get(keys[k]);
        }
    }

    private void addRun(int truthIndex, int predictedIndex, int length, long stride, PairCounts counts) {
        truthAreas[truthIndex] += length;
        predictedAreas[predictedIndex] += length;
        if (truthIndex != 0 && predictedIndex != 0) {
            counts.add(truthIndex * stride + predictedIndex, length);
        }
    }

    /** @throws IllegalArgumentException when the images differ in size */
    static Overlaps of(LabelImage truth, LabelImage predicted) {
        if (!truth.sameSizeAs(predicted.width(), predicted.height())) {
            throw new IllegalArgumentException("label images differ in size: " + truth.width() + "x" + truth.height()
                    + " vs " + predicted.width() + "x" + predicted.height());
        }
        return new Overlaps(Relabelled.of(truth.labels()), Relabelled.of(predicted.labels()));
    }

    int pairCount() {
        return pairIntersection.length;
    }

    long pairUnion(int pair) {
        return (long) truthAreas[pairTruth[pair]] + predictedAreas[pairPredicted[pair]] - pairIntersection[pair];
    }

    /** Whether a pair matches for panoptic quality: IoU > 0.5, compared exactly. */
    boolean matches(int pair) {
        return 2L * pairIntersection[pair] > pairUnion(pair);
    }

    double pairIou(int pair) {
        return (double) pairIntersection[pair] / pairUnion(pair);
    }

    long truthForeground() {
        return (long) sum(truthAreas) - truthAreas[0];
    }

    long predictedForeground() {
        return (long) sum(predictedAreas) - predictedAreas[0];
    }

    long foregroundIntersection() {
        return sum(pairIntersection);
    }

    private static long sum(int[] values) {
        long total = 0;
        for (int value : values) {
            total += value;
        }
        return total;
    }

    /** Open-addressing hash table from a non-negative pair key to its pixel count. */
    private static final class PairCounts {
        private long[] keys = filled(64);
        private int[] values = new int[64];
        private int size;

        void add(long key, int count) {
            int slot = slot(key);
            if (keys[slot] == key) {
                values[slot] += count;
                return;
            }
            keys[slot] = key;
            values[slot] = count;
            if (++size * 2 > keys.length) {
                grow();
            }
        }

        int get(long key) {
            return values[slot(key)];
        }

        long[] keys() {
            long[] present = new long[size];
            int n = 0;
            for (long key : keys) {
                if (key >= 0) {
                    present[n++] = key;
                }
            }
            return present;
        }

        /** The slot holding {@code key}, or the empty slot where it belongs. */
        private int slot(long key) {
            int mask = keys.length - 1;
            int slot = (int) (mix(key) & mask);
            while (keys[slot] >= 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = filled(oldKeys.length * 2);
            values = new int[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] >= 0) {
                    int slot = slot(oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }

        private static long mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 32);
        }

        private static long[] filled(int length) {
            long[] empty = new long[length];
            Arrays.fill(empty, -1);
            return empty;
        }
    }
}
