package org.histoprune.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScaleBarTest {
    @Test
    void roundsDownToOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(100, ScaleBar.roundLength(180), 1e-9);
        assertEquals(200, ScaleBar.roundLength(480), 1e-9);
        assertEquals(500, ScaleBar.roundLength(999), 1e-9);
        assertEquals(0.5, ScaleBar.roundLength(0.73), 1e-12);
        assertEquals(1, ScaleBar.roundLength(1), 1e-12);
    }

    @Test
    void labelsInMicronsOrMillimetres() {
        assertEquals("50 \u00b5m", ScaleBar.label(50));
        assertEquals("0.5 \u00b5m", ScaleBar.label(0.5));
        assertEquals("2 mm", ScaleBar.label(2000));
    }
}
