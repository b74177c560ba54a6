package org.histoprune.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
    private static final String[] MASK = {
        "##..#",
        "#..#.",
        "..#..",
        "....#",
    };

    @Test
    void fourConnectivityKeepsDiagonalNeighboursApart() {
        LabelImage labels = ConnectedComponents.label(Rasters.mask(MASK), 5, 4, Connectivity.FOUR);
        assertArrayEquals(Rasters.labels(
                "11..2",
                "1..3.",
                "..4..",
                "....5").labels(), labels.labels());
    }

    @Test
    void eightConnectivityJoinsThemNumberedInRasterOrder() {
        LabelImage labels = ConnectedComponents.label(Rasters.mask(MASK), 5, 4, Connectivity.EIGHT);
        assertArrayEquals(Rasters.labels(
                "11..2",
                "1..2.",
                "..2..",
                "....3").labels(), labels.labels());
    }

    @Test
    void aUShapeIsOneComponentThoughItsArmsAreFirstSeenApart() {
        LabelImage labels = ConnectedComponents.label(Rasters.mask(
                "#.#",
                "#.#",
                "###"), 3, 3, Connectivity.FOUR);
        assertArrayEquals(Rasters.labels(
                "1.1",
                "1.1",
                "111").labels(), labels.labels());
    }
}
