package org.histoprune.metrics;

import java.util.Arrays;
import org.histoprune.image.LabelImage;

/**
 * Scores a predicted instance label image against its ground truth (0 = background, any positive id = one
 * instance, ids need not be consecutive). Both images empty score 1 everywhere; one side empty scores 0.
 */
public final class InstanceMetrics {
    private InstanceMetrics() {
    }

    /** @throws IllegalArgumentException when the two images differ in size */
    public static InstanceScores score(LabelImage truth, LabelImage predicted) {
        Overlaps overlaps = Overlaps.of(truth, predicted);
        if (overlaps.truthCount == 0 && overlaps.predictedCount == 0) {
            return InstanceScores.PERFECT;
        }
        if (overlaps.truthCount == 0 || overlaps.predictedCount == 0) {
            return InstanceScores.NONE;
        }
        double dice = 2.0 * overlaps.foregroundIntersection()
                / (overlaps.truthForeground() + overlaps.predictedForeground());
        double[] panoptic = panopticQuality(overlaps);
        return new InstanceScores(dice, aji(overlaps), ajiPlus(overlaps), panoptic[0], panoptic[1], panoptic[2]);
    }

    /** Each truth instance takes the prediction of highest IoU (the lowest id on ties); predictions may repeat. */
    static double aji(Overlaps o) {
        int[] bestPair = new int[o.truthCount + 1];
        Arrays.fill(bestPair, -1);
        for (int k = 0; k < o.pairCount(); k++) {
            int t = o.pairTruth[k];
            int best = bestPair[t];
            // Exact comparison of the fractions inter/union, so ties are ties.
            if (best < 0 || (long) o.pairIntersection[k] * o.pairUnion(best)
                    > (long) o.pairIntersection[best] * o.pairUnion(k)) {
                bestPair[t] = k;
            }
        }
        long intersection = 0;
        long union = 0;
        boolean[] chosen = new boolean[o.predictedCount + 1];
        for (int t = 1; t <= o.truthCount; t++) {
            int k = bestPair[t];
            if (k < 0) {
                union += o.truthAreas[t];
            } else {
                intersection += o.pairIntersection[k];
                union += o.pairUnion(k);
                chosen[o.pairPredicted[k]] = true;
            }
        }
        return (double) intersection / (union + unchosenArea(o.predictedAreas, chosen));
    }

    /** AJI with a one-to-one pairing of maximum total IoU, found per connected group of overlapping instances. */
    static double ajiPlus(Overlaps o) {
        boolean[] truthPaired = new boolean[o.truthCount + 1];
        boolean[] predictedPaired = new boolean[o.predictedCount + 1];
        long intersection = 0;
        long union = 0;
        for (int[] group : OverlapGroups.of(o)) {
            for (int k : Assignment.maximumIou(o, group)) {
                truthPaired[o.pairTruth[k]] = true;
                predictedPaired[o.pairPredicted[k]] = true;
                intersection += o.pairIntersection[k];
                union += o.pairUnion(k);
            }
        }
        union += unchosenArea(o.truthAreas, truthPaired) + unchosenArea(o.predictedAreas, predictedPaired);
        return (double) intersection / union;
    }

    /** {PQ, DQ, SQ}: pairs match when IoU > 0.5, which makes matches unique. */
    static double[] panopticQuality(Overlaps o) {
        int matches = 0;
        double iouSum = 0;
        for (int k = 0; k < o.pairCount(); k++) {
            if (o.matches(k)) {
                matches++;
                iouSum += o.pairIou(k);
            }
        }
        return panopticQuality(matches, iouSum, o.predictedCount - matches, o.truthCount - matches);
    }

    /** {PQ, DQ, SQ} from the match count, the sum of the matches' IoU and the unmatched counts. */
    static double[] panopticQuality(int matches, double iouSum, int falsePositives, int falseNegatives) {
        if (matches == 0) {
            return new double[] {0, 0, 0};
        }
        double dq = matches / (matches + 0.5 * falsePositives + 0.5 * falseNegatives);
        double sq = iouSum / matches;
        return new double[] {dq * sq, dq, sq};
    }

    private static long unchosenArea(int[] areas, boolean[] chosen) {
        long area = 0;
        for (int i = 1; i < areas.length; i++) {
            if (!chosen[i]) {
                area += areas[i];
            }
        }
        return area;
    }
}
