package org.histoprune.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.histoprune.image.RgbImage;
import org.junit.jupiter.api.Test;

class TissueFinderTest {
    @Test
    void findsTheStainedPatchOnWhiteGlass() {
        RgbImage thumbnail = new RgbImage(100, 50);
        Arrays.fill(thumbnail.rgb(), 0xF8F8F8);
        for (int y = 30; y < 40; y++) {
            for (int x = 70; x < 80; x++) {
                thumbnail.rgb()[y * 100 + x] = 0x8040A0;
            }
        }
        // On a 10,000 x 5,000 slide (100 px per thumbnail pixel) the patch is x 7,000..8,000, y 3,000..4,000.
        double[] centre = TissueFinder.densestField(thumbnail, 10_000, 5_000, 1000);
        assertEquals(7500, centre[0], 100);
        assertEquals(3500, centre[1], 100);
    }
}
