package org.histoprune.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;
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

    @Test
    void randomMasksGiveConnectedComponentsNumberedByFirstPixel() {
        Random random = new Random(11);
        int width = 37;
        int height = 23;
        for (Connectivity connectivity : Connectivity.values()) {
            for (int trial = 0; trial < 20; trial++) {
                boolean[] mask = new boolean[width * height];
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = random.nextInt(100) < 55;
                }
                int[] labels = ConnectedComponents.label(mask, width, height, connectivity).labels();
                int seen = 0;
                int[] neighbours = new int[8];
                boolean[] reached = new boolean[mask.length];
                for (int p = 0; p < mask.length; p++) {
                    assertEquals(mask[p], labels[p] > 0);
                    if (!mask[p] || reached[p]) {
                        continue;
                    }
                    // The first pixel of a component in raster order carries the next id, and a flood from it
                    // reaches exactly the pixels of that id.
                    assertEquals(++seen, labels[p]);
                    ArrayDeque<Integer> queue = new ArrayDeque<>();
                    queue.add(p);
                    reached[p] = true;
                    while (!queue.isEmpty()) {
                        int q = queue.poll();
                        assertEquals(labels[p], labels[q]);
                        int count = connectivity.neighbours(q % width, q / width, width, height, neighbours);
                        for (int k = 0; k < count; k++) {
                            int r = neighbours[k];
                            if (mask[r] && !reached[r]) {
                                reached[r] = true;
                                queue.add(r);
                            }
                        }
                    }
                }
                for (int p = 0; p < mask.length; p++) {
                    assertTrue(labels[p] <= seen);
                }
            }
        }
    }
}
