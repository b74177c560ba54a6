package org.histoprune.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WatershedTest {
    private static LabelImage oneRegion(int width, int height) {
        int[] ids = new int[width * height];
        Arrays.fill(ids, 1);
        return new LabelImage(width, height, ids);
    }

    @Test
    void basinsMeetAtTheRidge() {
        FloatMap cost = new FloatMap(7, 1, new float[] {0, 1, 2, 5, 3, 1, 0});
        LabelImage markers = new LabelImage(7, 1, new int[] {1, 0, 0, 0, 0, 0, 2});
        // A pixel takes the label of whoever queues it first: the ridge (5) is queued from the lower left slope.
        assertArrayEquals(new int[] {1, 1, 1, 1, 2, 2, 2},
                Watershed.flood(cost, markers, oneRegion(7, 1), Connectivity.FOUR).labels());
    }

    @Test
    void equalCostsAreTakenInQueueOrder() {
        FloatMap flat = new FloatMap(6, 1);
        LabelImage markers = new LabelImage(6, 1, new int[] {1, 0, 0, 0, 0, 2});
        assertArrayEquals(new int[] {1, 1, 1, 2, 2, 2},
                Watershed.flood(flat, markers, oneRegion(6, 1), Connectivity.FOUR).labels());
    }

    @Test
    void staysInsideTheRegionsAndLeavesUnreachedPixelsUnlabelled() {
        FloatMap flat = new FloatMap(4, 3);
        LabelImage markers = Rasters.labels(
                "1...",
                "....",
                "...3");
        LabelImage regions = Rasters.labels(
                "11.1",
                "1..1",
                ".1.1");
        // The right column is cut off from marker 1; marker 3 floods it.
        // The pixel at (1,2) touches 1's area only diagonally: with 4-connectivity nobody reaches it.
        assertArrayEquals(Rasters.labels(
                "11.3",
                "1..3",
                "...3").labels(), Watershed.flood(flat, markers, regions, Connectivity.FOUR).labels());
        assertArrayEquals(Rasters.labels(
                "11.3",
                "1..3",
                ".1.3").labels(), Watershed.flood(flat, markers, regions, Connectivity.EIGHT).labels());
    }

    @Test
    void neverCrossesFromOneRegionIntoAnother() {
        FloatMap flat = new FloatMap(5, 1);
        LabelImage markers = new LabelImage(5, 1, new int[] {4, 0, 0, 0, 0});
        LabelImage regions = new LabelImage(5, 1, new int[] {1, 1, 2, 2, 2});
        assertArrayEquals(new int[] {4, 4, 0, 0, 0}, Watershed.flood(flat, markers, regions, Connectivity.FOUR).labels());
    }

    @Test
    void ignoresMarkersOutsideTheRegions() {
        FloatMap flat = new FloatMap(3, 1);
        LabelImage markers = new LabelImage(3, 1, new int[] {1, 0, 2});
        LabelImage regions = new LabelImage(3, 1, new int[] {1, 1, 0});
        assertArrayEquals(new int[] {1, 1, 0}, Watershed.flood(flat, markers, regions, Connectivity.FOUR).labels());
    }

    @Test
    void aLowUnmarkedBasinGoesToTheMarkerThatReachesItsRimFirst() {
        // The basin at x=4 (cost 0) has no marker: 1 enters it over the rim of cost 2 while 2 waits behind
        // the wall of cost 4 at x=5 (which 2 queued, and so owns).
        FloatMap cost = new FloatMap(7, 1, new float[] {0, 1, 2, 2, 0, 4, 0});
        LabelImage markers = new LabelImage(7, 1, new int[] {1, 0, 0, 0, 0, 0, 2});
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 2, 2},
                Watershed.flood(cost, markers, oneRegion(7, 1), Connectivity.FOUR).labels());
    }
}
