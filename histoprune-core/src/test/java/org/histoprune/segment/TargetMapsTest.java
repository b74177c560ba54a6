package org.histoprune.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;

class TargetMapsTest {
    @Test
    void foregroundIsOneOnAnyNucleus() {
        LabelImage labels = new LabelImage(3, 2, new int[] {0, 4, 4, 9, 0, 0});
        assertArrayEquals(new float[] {0, 1, 1, 1, 0, 0}, TargetMaps.foreground(labels).values());
    }

    @Test
    void distancePeaksAtOneInEveryNucleusAndTouchingNucleiStayApart() {
        // Two nuclei side by side, each 3 columns wide, spanning the full height: the image edge does not count
        // as outside, so the distances run across the columns only, to the neighbour nucleus.
        LabelImage labels = new LabelImage(6, 2, new int[] {1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2});
        float third = 1f / 3;
        float[] row = {1f, 2 * third, third, third, 2 * third, 1f};
        float[] expected = new float[12];
        System.arraycopy(row, 0, expected, 0, 6);
        System.arraycopy(row, 0, expected, 6, 6);
        assertArrayEquals(expected, TargetMaps.normalizedDistance(labels).values(), 1e-6f);
    }

    @Test
    void squareNucleusHasItsCentreAtOneAndItsRimAtHalf() {
        LabelImage labels = new LabelImage(5, 5, new int[] {
            0, 0, 0, 0, 0,
            0, 3, 3, 3, 0,
            0, 3, 3, 3, 0,
            0, 3, 3, 3, 0,
            0, 0, 0, 0, 0});
        float[] expected = {
            0, 0, 0, 0, 0,
            0, 0.5f, 0.5f, 0.5f, 0,
            0, 0.5f, 1, 0.5f, 0,
            0, 0.5f, 0.5f, 0.5f, 0,
            0, 0, 0, 0, 0};
        assertArrayEquals(expected, TargetMaps.normalizedDistance(labels).values(), 1e-6f);
    }

    @Test
    void aSinglePixelOrAWholeImageNucleusIsOne() {
        assertArrayEquals(new float[] {0, 1, 0}, TargetMaps.normalizedDistance(
                new LabelImage(3, 1, new int[] {0, 5, 0})).values());
        assertArrayEquals(new float[] {1, 1, 1, 1}, TargetMaps.normalizedDistance(
                new LabelImage(2, 2, new int[] {7, 7, 7, 7})).values());
    }
}
