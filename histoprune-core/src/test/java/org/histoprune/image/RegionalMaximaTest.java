package org.histoprune.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RegionalMaximaTest {
    private static FloatMap row(float... values) {
        return new FloatMap(values.length, 1, values);
    }

    private static LabelImage regions(int... ids) {
        return new LabelImage(ids.length, 1, ids);
    }

    private static LabelImage oneRegion(int n) {
        int[] ids = new int[n];
        Arrays.fill(ids, 1);
        return regions(ids);
    }

    // Peaks 5 (x=1) and 4 (x=5) meet at the saddle 2 (x=3): the lower one has dynamic 2.
    private static final FloatMap TWO_PEAKS = row(1, 5, 3, 2, 3, 4, 1);

    @Test
    void aPeakSurvivesWhileItsDynamicReachesTheMinimumHeight() {
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 2, 0},
                RegionalMaxima.seeds(TWO_PEAKS, oneRegion(7), 2.0, 0).labels());
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 0, 0},
                RegionalMaxima.seeds(TWO_PEAKS, oneRegion(7), 2.01, 0).labels());
    }

    @Test
    void theHighestPeakOfEachRegionAlwaysSurvives() {
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 2, 0},
                RegionalMaxima.seeds(TWO_PEAKS, regions(1, 1, 1, 0, 2, 2, 2), 100, 0).labels());
        // Adjacent regions do not merge either; seed ids follow the region ids first.
        assertArrayEquals(new int[] {0, 2, 0, 0, 0, 1, 0},
                RegionalMaxima.seeds(TWO_PEAKS, regions(2, 2, 2, 2, 1, 1, 1), 100, 0).labels());
    }

    @Test
    void aPlateauGivesOneSeedAtItsFirstPixel() {
        FloatMap plateau = row(1, 3, 3, 3, 1, 2, 2);
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 2, 0},
                RegionalMaxima.seeds(plateau, oneRegion(7), 0, 0).labels());
    }

    @Test
    void seedIdsFollowHeightAndLowerSeedsTooCloseAreDropped() {
        FloatMap map = row(4, 1, 6, 1, 5, 1, 1, 1, 3);
        assertArrayEquals(new int[] {3, 0, 1, 0, 2, 0, 0, 0, 4},
                RegionalMaxima.seeds(map, oneRegion(9), 1, 1).labels());
        // Within distance < 2.5 of the seed at x=2: x=0 and x=4 go, x=8 stays.
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 0, 0, 0, 2},
                RegionalMaxima.seeds(map, oneRegion(9), 1, 2.5).labels());
    }

    @Test
    void suppressionStopsAtTheEdgeOfTheRegion() {
        FloatMap map = row(4, 1, 6, 1, 5);
        assertArrayEquals(new int[] {0, 0, 1, 0, 2},
                RegionalMaxima.seeds(map, regions(1, 1, 1, 0, 2), 1, 3).labels());
    }

    @Test
    void diagonalNeighboursAreConnected() {
        // The lower pixel touches the higher one diagonally: it is its slope, not a peak.
        FloatMap map = new FloatMap(2, 2, new float[] {5, 0, 0, 4});
        LabelImage region = new LabelImage(2, 2, new int[] {1, 0, 0, 1});
        assertArrayEquals(new int[] {1, 0, 0, 0}, RegionalMaxima.seeds(map, region, 0.5, 0).labels());
    }

    @Test
    void refusesNegativeSettingsAndSizeMismatches() {
        assertThrows(IllegalArgumentException.class, () -> RegionalMaxima.seeds(TWO_PEAKS, oneRegion(7), -1, 0));
        assertThrows(IllegalArgumentException.class, () -> RegionalMaxima.seeds(TWO_PEAKS, oneRegion(3), 1, 0));
    }
}
