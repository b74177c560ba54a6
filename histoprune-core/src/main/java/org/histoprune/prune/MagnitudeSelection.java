package org.histoprune.prune;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/** Which weights survive a magnitude cut: the largest |w| among those still alive, exact counts, ties by index. */
final class MagnitudeSelection {
    private MagnitudeSelection() {
    }

    /** The {@code k} largest of the alive weights of one tensor. */
    static BitSet topK(float[] weights, BitSet alive, long k) {
        return topK(List.of(weights), List.of(alive), k).get(0);
    }

    /** The {@code k} largest alive weights over several tensors at once: one threshold for all. */
    static List<BitSet> topK(List<float[]> weights, List<BitSet> alive, long k) {
        int count = alive.stream().mapToInt(BitSet::cardinality).sum();
        if (k >= count) {
            return alive.stream().map(a -> (BitSet) a.clone()).toList();
        }
        float[] magnitudes = new float[count];
        int at = 0;
        for (int t = 0; t < weights.size(); t++) {
            for (int i = alive.get(t).nextSetBit(0); i >= 0; i = alive.get(t).nextSetBit(i + 1)) {
                magnitudes[at++] = Math.abs(weights.get(t)[i]);
            }
        }
        Arrays.sort(magnitudes);
        float threshold = k > 0 ? magnitudes[(int) (count - k)] : Float.POSITIVE_INFINITY;
        long above = 0;
        for (float magnitude : magnitudes) {
            if (magnitude > threshold) {
                above++;
            }
        }
        long ties = k - above;
        BitSet[] kept = new BitSet[weights.size()];
        for (int t = 0; t < weights.size(); t++) {
            kept[t] = new BitSet();
            for (int i = alive.get(t).nextSetBit(0); i >= 0; i = alive.get(t).nextSetBit(i + 1)) {
                float magnitude = Math.abs(weights.get(t)[i]);
                if (magnitude > threshold || (magnitude == threshold && ties-- > 0)) {
                    kept[t].set(i);
                }
            }
        }
        return List.of(kept);
    }

    /**
     * Splits {@code total} kept weights over tensors in proportion to their sizes, each getting the floor or the
     * ceiling of its share (largest remainder), so the counts add up exactly.
     */
    static long[] quotas(long[] sizes, long total) {
        long all = Arrays.stream(sizes).sum();
        long[] quotas = new long[sizes.length];
        double[] remainders = new double[sizes.length];
        long given = 0;
        for (int t = 0; t < sizes.length; t++) {
            double share = (double) sizes[t] * total / all;
            quotas[t] = (long) Math.floor(share);
            remainders[t] = share - quotas[t];
            given += quotas[t];
        }
        Integer[] order = new Integer[sizes.length];
        for (int t = 0; t < order.length; t++) {
            order[t] = t;
        }
        Arrays.sort(order, (a, b) -> Double.compare(remainders[b], remainders[a]));
        for (int i = 0; given < total && i < order.length; i++, given++) {
            quotas[order[i]]++;
        }
        return quotas;
    }

    /**
     * In every group of {@code m} consecutive weights of a filter (along its flattened input channels x kernel),
     * the {@code n} largest; a shorter last group keeps ceil(n * length / m).
     */
    static BitSet nOfM(float[] weights, int filterSize, int n, int m) {
        BitSet kept = new BitSet(weights.length);
        for (int filter = 0; filter < weights.length; filter += filterSize) {
            for (int start = filter; start < filter + filterSize; start += m) {
                int length = Math.min(m, filter + filterSize - start);
                int keep = (int) Math.ceil((double) n * length / m);
                Integer[] order = new Integer[length];
                for (int i = 0; i < length; i++) {
                    order[i] = start + i;
                }
                Arrays.sort(order, (a, b) -> Float.compare(Math.abs(weights[b]), Math.abs(weights[a])));
                for (int i = 0; i < keep; i++) {
                    kept.set(order[i]);
                }
            }
        }
        return kept;
    }
}
