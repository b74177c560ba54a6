package org.histoprune.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;

class InstanceMetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void sizeMismatchIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> InstanceMetrics.score(new LabelImage(4, 4), new LabelImage(4, 5)));
    }

    @Test
    void handComputedPairOfShiftedSquares() {
        // Truth: one 2x2 square; prediction: the same square one pixel to the right -> inter 2, union 6.
        LabelImage truth = image(4, 2,
                1, 1, 0, 0,
                1, 1, 0, 0);
        LabelImage predicted = image(4, 2,
                0, 7, 7, 0,
                0, 7, 7, 0);
        InstanceScores scores = InstanceMetrics.score(truth, predicted);
        assertEquals(2.0 * 2 / 8, scores.dice(), EPS);
        assertEquals(2.0 / 6, scores.aji(), EPS);
        assertEquals(2.0 / 6, scores.ajiPlus(), EPS);
        assertEquals(0, scores.pq(), EPS); // IoU 1/3 is no match
    }

    @Test
    void ajiReusesAPredictionWhileAjiPlusPairsOneToOne() {
        // Two truth nuclei of 2 px each, merged into one prediction of 4 px.
        LabelImage truth = image(4, 1, 1, 1, 2, 2);
        LabelImage predicted = image(4, 1, 5, 5, 5, 5);
        InstanceScores scores = InstanceMetrics.score(truth, predicted);
        // AJI: both truths take the prediction: C = 2 + 2, U = 4 + 4.
        assertEquals(0.5, scores.aji(), EPS);
        // AJI+: one truth pairs (C = 2, U = 4), the other's 2 px go to the union.
        assertEquals(2.0 / 6, scores.ajiPlus(), EPS);
        assertEquals(1.0, scores.dice(), EPS);
    }

    @Test
    void ajiTakesTheLowestIdOnTies() {
        // Truth 1 (4 px) overlaps predictions 3 and 9 equally (IoU 2/4 each); the tie goes to id 3, so 9 is
        // never chosen and its area joins the union: C = 2, U = 4 + 2.
        LabelImage truth = image(4, 1, 1, 1, 1, 1);
        LabelImage predicted = image(4, 1, 3, 3, 9, 9);
        assertEquals(2.0 / 6, InstanceMetrics.score(truth, predicted).aji(), EPS);
    }

    @Test
    void panopticQualityCountsStrictMajorityOverlapOnly() {
        // Truth 1 exactly matched; truth 2 (3 px) vs prediction 4 (2 px inside it): IoU 2/3 > 0.5; prediction 5
        // is a false positive.
        LabelImage truth = image(6, 1, 1, 2, 2, 2, 0, 0);
        LabelImage predicted = image(6, 1, 8, 4, 4, 0, 0, 5);
        InstanceScores scores = InstanceMetrics.score(truth, predicted);
        double dq = 2 / (2 + 0.5);
        double sq = (1 + 2.0 / 3) / 2;
        assertEquals(dq, scores.dq(), EPS);
        assertEquals(sq, scores.sq(), EPS);
        assertEquals(dq * sq, scores.pq(), EPS);
    }

    @Test
    void hugeIdsGiveTheSameScoresAsSmallOnes() {
        LabelImage truth = image(4, 1, 1, 1, 2, 2);
        LabelImage predicted = image(4, 1, 5, 5, 5, 5);
        LabelImage truthHuge = image(4, 1, Integer.MAX_VALUE, Integer.MAX_VALUE, 2_000_000_000, 2_000_000_000);
        LabelImage predictedHuge = image(4, 1, 1 << 30, 1 << 30, 1 << 30, 1 << 30);
        assertEquals(InstanceMetrics.score(truth, predicted), InstanceMetrics.score(truthHuge, predictedHuge));
        // Ids past 16 bits but small enough for a lookup table.
        LabelImage truthWide = image(4, 1, 70_000, 70_000, 300_000, 300_000);
        assertEquals(InstanceMetrics.score(truth, predicted), InstanceMetrics.score(truthWide, predicted));
    }

    @Test
    void emptyConventions() {
        LabelImage empty = new LabelImage(3, 1);
        LabelImage one = image(3, 1, 0, 4, 0);
        assertEquals(new InstanceScores(1, 1, 1, 1, 1, 1), InstanceMetrics.score(empty, empty));
        assertEquals(new InstanceScores(0, 0, 0, 0, 0, 0), InstanceMetrics.score(empty, one));
        assertEquals(new InstanceScores(0, 0, 0, 0, 0, 0), InstanceMetrics.score(one, empty));
    }

    private static LabelImage image(int width, int height, int... labels) {
        return new LabelImage(width, height, labels);
    }
}
