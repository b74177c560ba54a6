package org.histoprune.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class LabelCleanupTest {
    @Test
    void removesObjectsBelowTheMinimumSize() {
        LabelImage image = Rasters.labels(
                "11.2",
                "1..2",
                "3...");
        assertArrayEquals(Rasters.labels(
                "11.2",
                "1..2",
                "....").labels(), LabelCleanup.removeSmallerThan(image, 2).labels());
        assertArrayEquals(Rasters.labels(
                "11..",
                "1...",
                "....").labels(), LabelCleanup.removeSmallerThan(image, 3).labels());
    }

    @Test
    void fillsHolesEnclosedByOneObject() {
        LabelImage ring = Rasters.labels(
                "......",
                ".1111.",
                ".1..1.",
                ".1.11.",
                ".111..",
                "......");
        // (2,2), (3,2) and (2,3) are enclosed; (4,4) is 4-connected to the outside and stays background.
        assertArrayEquals(Rasters.labels(
                "......",
                ".1111.",
                ".1111.",
                ".1111.",
                ".111..",
                "......").labels(), LabelCleanup.fillHoles(ring).labels());
    }

    @Test
    void leavesBackgroundBetweenTwoObjectsAndAtTheImageBorder() {
        LabelImage between = Rasters.labels(
                "11122",
                "1..22",
                "11122");
        assertArrayEquals(between.labels(), LabelCleanup.fillHoles(between).labels());
        LabelImage atBorder = Rasters.labels(
                "3.3",
                "333");
        assertArrayEquals(atBorder.labels(), LabelCleanup.fillHoles(atBorder).labels());
    }

    @Test
    void relabelsInRasterOrderOfFirstPixels() {
        LabelImage image = Rasters.labels(
                "..7",
                "3.7",
                "9..");
        assertArrayEquals(Rasters.labels(
                "..1",
                "2.1",
                "3..").labels(), LabelCleanup.relabel(image).labels());
    }
}
