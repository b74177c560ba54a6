package org.histoprune.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.histoprune.image.RgbImage;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    private static RgbImage ramp() {
        RgbImage image = new RgbImage(8, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                image.rgb()[y * 8 + x] = RgbImage.pack(x * 30, y * 60, 7);
            }
        }
        return image;
    }

    @Test
    void nearestNeighbourMagnifiesWithCrispPixels() {
        int[] out = new int[16 * 8];
        Resampler.sample(ramp(), 0, 0, 8, 4, 0.25, 0.25, 0.5, false, 0, out, 16, 8);
        assertEquals(0xFF000000 | RgbImage.pack(0, 0, 7), out[0]);
        assertEquals(out[0], out[1], "two screen pixels per image pixel");
        assertEquals(0xFF000000 | RgbImage.pack(30, 0, 7), out[2]);
        assertEquals(0xFF000000 | RgbImage.pack(7 * 30, 3 * 60, 7), out[16 * 8 - 1]);
    }

    @Test
    void bilinearShrinkingAveragesNeighbours() {
        int[] out = new int[4 * 2];
        Resampler.sample(ramp(), 0, 0, 8, 4, 1, 1, 2, true, 0, out, 4, 2);
        // The first sample sits between pixels 0 and 1 (and rows 0 and 1): the mean of 0 and 30 is 15.
        assertEquals(15, RgbImage.red(out[0]), 1);
        assertEquals(30, RgbImage.green(out[0]), 1);
        assertEquals(7, RgbImage.blue(out[0]));
    }

    @Test
    void samplesOutsideTheLevelGetTheBackground() {
        int[] out = new int[4];
        Resampler.sample(ramp(), 0, 0, 8, 4, 7.5, 3.5, 1, false, 0x123456, out, 2, 2);
        assertEquals(0xFF000000 | RgbImage.pack(7 * 30, 3 * 60, 7), out[0]);
        assertEquals(0xFF123456, out[1]);
        assertEquals(0xFF123456, out[2]);
    }

    @Test
    void aWindowIsReadAtItsOffset() {
        RgbImage window = new RgbImage(2, 1, new int[] {0x111111, 0x222222});
        int[] out = new int[2];
        Resampler.sample(window, 100, 50, 1000, 1000, 100.5, 50.5, 1, false, 0, out, 2, 1);
        assertEquals(0xFF111111, out[0]);
        assertEquals(0xFF222222, out[1]);
    }
}
