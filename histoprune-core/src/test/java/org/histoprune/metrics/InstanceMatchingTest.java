package org.histoprune.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;

class InstanceMatchingTest {
    /** Fills a w x h box of a 40x20 label raster with one id. */
    private static void box(int[] labels, int x0, int y0, int w, int h, int id) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                labels[y * 40 + x] = id;
            }
        }
    }

    @Test
    void reportsMatchesAndMissesByTheImagesOwnIds() {
        int[] truth = new int[40 * 20];
        int[] predicted = new int[40 * 20];
        box(truth, 0, 0, 8, 8, 7);          // matched exactly by predicted 300
        box(predicted, 0, 0, 8, 8, 300);
        box(truth, 10, 0, 8, 8, 9);         // predicted 5 overlaps a corner: IoU 16/112, no match
        box(predicted, 14, 4, 8, 8, 5);
        box(truth, 0, 10, 10, 10, 2);       // predicted 70 covers 60 of its 100 pixels: IoU 0.6, a match
        box(predicted, 0, 10, 6, 10, 70);
        box(predicted, 30, 10, 5, 5, 1);    // predicted 1 overlaps nothing
        InstanceMatching matching = InstanceMatching.of(new LabelImage(40, 20, truth), new LabelImage(40, 20, predicted));

        assertArrayEquals(new int[] {2, 7}, matching.matchedTruth());
        assertArrayEquals(new int[] {70, 300}, matching.matchedPredicted());
        assertArrayEquals(new double[] {0.6, 1.0}, matching.matchedIou(), 1e-12);
        assertArrayEquals(new int[] {9}, matching.unmatchedTruth());
        assertArrayEquals(new int[] {1, 5}, matching.unmatchedPredicted());
        assertEquals(2, matching.truePositives());
        assertEquals(2, matching.falsePositives());
        assertEquals(1, matching.falseNegatives());
    }

    @Test
    void panopticPartsAgreeWithTheScores() {
        int[] truth = new int[40 * 20];
        int[] predicted = new int[40 * 20];
        box(truth, 0, 0, 8, 8, 1);
        box(predicted, 1, 0, 8, 8, 1);
        box(truth, 20, 5, 9, 9, 2);
        box(predicted, 20, 5, 9, 7, 4);
        box(truth, 30, 0, 4, 4, 3);
        LabelImage t = new LabelImage(40, 20, truth);
        LabelImage p = new LabelImage(40, 20, predicted);
        InstanceScores scores = InstanceMetrics.score(t, p);
        double[] pq = InstanceMatching.of(t, p).panopticQuality();
        assertEquals(scores.pq(), pq[0], 1e-12);
        assertEquals(scores.dq(), pq[1], 1e-12);
        assertEquals(scores.sq(), pq[2], 1e-12);
        assertEquals(2 / 2.5, pq[1], 1e-12, "two matches, one false negative");
    }

    @Test
    void hugeIdsKeepTheirValues() {
        int[] truth = new int[40 * 20];
        int[] predicted = new int[40 * 20];
        box(truth, 0, 0, 8, 8, Integer.MAX_VALUE - 1);
        box(predicted, 0, 0, 8, 8, 2_000_000_000);
        InstanceMatching matching = InstanceMatching.of(new LabelImage(40, 20, truth), new LabelImage(40, 20, predicted));
        assertArrayEquals(new int[] {Integer.MAX_VALUE - 1}, matching.matchedTruth());
        assertArrayEquals(new int[] {2_000_000_000}, matching.matchedPredicted());
    }
}
