package org.histoprune.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WatershedTest {
    private static boolean[] all(int n) {
        boolean[] mask = new boolean[n];
        Arrays.fill(mask, true);
        return mask;
    }

    @Test
    void basinsMeetAtTheRidge() {
        FloatMap cost = new FloatMap(7, 1, new float[] {0, 1, 2, 5, 3, 1, 0});
        LabelImage markers = new LabelImage(7, 1, new int[] {1, 0, 0, 0, 0, 0, 2});
        // A pixel takes the label of whoever queues it first: the ridge (5) is queued from the lower left slope.
        assertArrayEquals(new int[] {1, 1, 1, 1, 2, 2, 2},
                Watershed.flood(cost, markers, all(7), Connectivity.FOUR).labels());
    }

    @Test
    void equalCostsAreTakenInQueueOrder() {
        FloatMap flat = new FloatMap(6, 1);
        LabelImage markers = new LabelImage(6, 1, new int[] {1, 0, 0, 0, 0, 2});
        assertArrayEquals(new int[] {1, 1, 1, 2, 2, 2},
                Watershed.flood(flat, markers, all(6), Connectivity.FOUR).labels());
    }

    @Test
    void staysInsideTheMaskAndLeavesUnreachedPixelsUnlabelled() {
        FloatMap flat = new FloatMap(4, 3);
        LabelImage markers = Rasters.labels(
                "1...",
                "....",
                "...3");
        boolean[] mask = Rasters.mask(
                "##.#",
                "#..#",
                ".#.#");
        // The top-right column holds marker-free pixels cut off from 1; 3 reaches them along the column.
        // The pixel at (1,2) touches 1's region only diagonally: with 4-connectivity nobody reaches it.
        assertArrayEquals(Rasters.labels(
                "11.3",
                "1..3",
                "...3").labels(), Watershed.flood(flat, markers, mask, Connectivity.FOUR).labels());
        assertArrayEquals(Rasters.labels(
                "11.3",
                "1..3",
                ".1.3").labels(), Watershed.flood(flat, markers, mask, Connectivity.EIGHT).labels());
    }

    @Test
    void ignoresMarkersOffTheMask() {
        FloatMap flat = new FloatMap(3, 1);
        LabelImage markers = new LabelImage(3, 1, new int[] {1, 0, 2});
        boolean[] mask = {true, true, false};
        assertArrayEquals(new int[] {1, 1, 0}, Watershed.flood(flat, markers, mask, Connectivity.FOUR).labels());
    }

    @Test
    void aLowUnmarkedBasinGoesToTheMarkerThatReachesItsRimFirst() {
        // The basin at x=4 (cost 0) has no marker: 1 enters it over the rim of cost 2 while 2 waits behind
        // the wall of cost 4 at x=5 (which 2 queued, and so owns).
        FloatMap cost = new FloatMap(7, 1, new float[] {0, 1, 2, 2, 0, 4, 0});
        LabelImage markers = new LabelImage(7, 1, new int[] {1, 0, 0, 0, 0, 0, 2});
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 2, 2},
                Watershed.flood(cost, markers, all(7), Connectivity.FOUR).labels());
    }
}
