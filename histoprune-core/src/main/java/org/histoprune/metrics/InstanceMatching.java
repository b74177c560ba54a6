package org.histoprune.metrics;

import java.util.Arrays;
import org.histoprune.image.LabelImage;

/**
 * The matching behind panoptic quality, by the images' own ids: a truth and a predicted instance match when
 * their IoU exceeds 0.5, which makes every match unique. Matched predictions are true positives, unmatched
 * predictions false positives, unmatched truth instances false negatives. Ids are in increasing order.
 *
 * @param matchedTruth     truth id of each match
 * @param matchedPredicted predicted id of each match, in the same order
 * @param matchedIou       IoU of each match
 */
public record InstanceMatching(int[] matchedTruth, int[] matchedPredicted, double[] matchedIou,
        int[] unmatchedTruth, int[] unmatchedPredicted) {

    /** @throws IllegalArgumentException when the two images differ in size */
    public static InstanceMatching of(LabelImage truth, LabelImage predicted) {
        Overlaps o = Overlaps.of(truth, predicted);
        int[] truthIds = idsByIndex(truth.labels(), Relabelled.of(truth.labels()), o.truthCount);
        int[] predictedIds = idsByIndex(predicted.labels(), Relabelled.of(predicted.labels()), o.predictedCount);
        boolean[] truthMatched = new boolean[o.truthCount + 1];
        boolean[] predictedMatched = new boolean[o.predictedCount + 1];
        int[] pairs = new int[o.pairCount()];
        int matches = 0;
        for (int k = 0; k < o.pairCount(); k++) {
            if (o.matches(k)) {
                pairs[matches++] = k;
                truthMatched[o.pairTruth[k]] = true;
                predictedMatched[o.pairPredicted[k]] = true;
            }
        }
        int[] matchedTruth = new int[matches];
        int[] matchedPredicted = new int[matches];
        double[] matchedIou = new double[matches];
        for (int m = 0; m < matches; m++) {
            matchedTruth[m] = truthIds[o.pairTruth[pairs[m]]];
            matchedPredicted[m] = predictedIds[o.pairPredicted[pairs[m]]];
            matchedIou[m] = o.pairIou(pairs[m]);
        }
        return new InstanceMatching(matchedTruth, matchedPredicted, matchedIou, unmatched(truthIds, truthMatched),
                unmatched(predictedIds, predictedMatched));
    }

    public int truePositives() {
        return matchedTruth.length;
    }

    public int falsePositives() {
        return unmatchedPredicted.length;
    }

    public int falseNegatives() {
        return unmatchedTruth.length;
    }

    /** {PQ, DQ, SQ} as {@link InstanceMetrics} reports them. */
    public double[] panopticQuality() {
        return InstanceMetrics.panopticQuality(truePositives(), Arrays.stream(matchedIou).sum(), falsePositives(),
                falseNegatives());
    }

    /** The original id of each dense index (0 stays 0). */
    private static int[] idsByIndex(int[] labels, Relabelled relabelled, int count) {
        int[] ids = new int[count + 1];
        int[] pixels = relabelled.pixels();
        int[] table = relabelled.table();
        for (int i = 0; i < labels.length; i++) {
            ids[table[pixels[i]]] = labels[i];
        }
        return ids;
    }

    private static int[] unmatched(int[] ids, boolean[] matched) {
        int[] left = new int[ids.length];
        int n = 0;
        for (int index = 1; index < ids.length; index++) {
            if (!matched[index]) {
                left[n++] = ids[index];
            }
        }
        return Arrays.copyOf(left, n);
    }
}
