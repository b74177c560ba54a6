package org.histoprune.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RegionalMaximaTest {
    private static FloatMap row(float... values) {
        return new FloatMap(values.length, 1, values);
    }

    private static boolean[] all(int n) {
        boolean[] mask = new boolean[n];
        java.util.Arrays.fill(mask, true);
        return mask;
    }

    // Peaks 5 (x=1) and 4 (x=5) meet at the saddle 2 (x=3): the lower one has dynamic 2.
    private static final FloatMap TWO_PEAKS = row(1, 5, 3, 2, 3, 4, 1);

    @Test
    void aPeakSurvivesWhileItsDynamicReachesTheMinimumHeight() {
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 2, 0},
                RegionalMaxima.seeds(TWO_PEAKS, all(7), 2.0, 0).labels());
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 0, 0},
                RegionalMaxima.seeds(TWO_PEAKS, all(7), 2.01, 0).labels());
    }

    @Test
    void theHighestPeakOfEachComponentAlwaysSurvives() {
        boolean[] mask = {true, true, true, false, true, true, true};
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 2, 0},
                RegionalMaxima.seeds(TWO_PEAKS, mask, 100, 0).labels());
    }

    @Test
    void aPlateauGivesOneSeedAtItsFirstPixel() {
        FloatMap plateau = row(1, 3, 3, 3, 1, 2, 2);
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 2, 0},
                RegionalMaxima.seeds(plateau, all(7), 0, 0).labels());
    }

    @Test
    void seedsIdsFollowHeightAndLowerSeedsTooCloseAreDropped() {
        FloatMap map = row(4, 1, 6, 1, 5, 1, 1, 1, 3);
        assertArrayEquals(new int[] {3, 0, 1, 0, 2, 0, 0, 0, 4},
                RegionalMaxima.seeds(map, all(9), 1, 1).labels());
        // Within distance < 2.5 of the seed at x=2: x=0 and x=4 go, x=8 stays.
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 0, 0, 0, 2},
                RegionalMaxima.seeds(map, all(9), 1, 2.5).labels());
    }

    @Test
    void suppressionStopsAtTheEdgeOfTheComponent() {
        FloatMap map = row(4, 1, 6, 1, 5);
        boolean[] mask = {true, true, true, false, true};
        assertArrayEquals(new int[] {0, 0, 1, 0, 2},
                RegionalMaxima.seeds(map, mask, 1, 3).labels());
    }

    @Test
    void diagonalNeighboursJoinComponents() {
        // Pixels touching only diagonally are one component; the lower is a slope of the higher, no peak.
        FloatMap map = new FloatMap(2, 2, new float[] {5, 0, 0, 4});
        boolean[] mask = {true, false, false, true};
        assertArrayEquals(new int[] {1, 0, 0, 0}, RegionalMaxima.seeds(map, mask, 0.5, 0).labels());
    }

    @Test
    void refusesNegativeSettings() {
        assertThrows(IllegalArgumentException.class, () -> RegionalMaxima.seeds(TWO_PEAKS, all(7), -1, 0));
        assertThrows(IllegalArgumentException.class, () -> RegionalMaxima.seeds(TWO_PEAKS, all(3), 1, 0));
    }
}
