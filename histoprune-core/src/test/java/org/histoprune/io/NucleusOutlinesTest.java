package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

class NucleusOutlinesTest {
    @Test
    void singlePixelBecomesDiamondThroughItsEdgeMiddles() {
        LabelImage labels = new LabelImage(3, 3);
        labels.labels()[4] = 5;
        Geometry diamond = NucleusOutlines.trace(labels).get(5);
        assertEquals(0.5, diamond.getArea(), 1e-12);
        assertEquals(4 * Math.sqrt(0.5), diamond.getLength(), 1e-12);
        assertEquals(1.5, diamond.getCentroid().getX(), 1e-12);
        assertEquals(1.5, diamond.getCentroid().getY(), 1e-12);
    }

    @Test
    void piecesTouchingAtACornerStaySeparate() {
        LabelImage labels = new LabelImage(4, 4, new int[] {
            0, 0, 0, 0,
            0, 7, 0, 0,
            0, 0, 7, 7,
            0, 0, 7, 0});
        Geometry outline = NucleusOutlines.trace(labels).get(7);
        assertInstanceOf(MultiPolygon.class, outline);
        assertEquals(2, outline.getNumGeometries());
        assertTrue(outline.isValid());
        assertEquals(4 - 2 * 0.5, outline.getArea(), 1e-12);
    }

    @Test
    void holesAreDroppedAndEveryLabelTraced() {
        LabelImage labels = new LabelImage(7, 7);
        for (int y = 1; y < 6; y++) {
            for (int x = 1; x < 6; x++) {
                labels.labels()[y * 7 + x] = 1;
            }
        }
        labels.labels()[3 * 7 + 3] = 2; // a nucleus inside another one's hole
        Map<Integer, Geometry> outlines = NucleusOutlines.trace(labels);
        assertEquals(List.of(1, 2), List.copyOf(outlines.keySet()));
        Polygon ring = (Polygon) outlines.get(1);
        assertEquals(0, ring.getNumInteriorRing());
        assertEquals(25 - 0.5, ring.getArea(), 1e-12);
    }

    @Test
    void randomBlobsGiveValidOutlinesEnclosingTheirPixels() {
        Random random = new Random(42);
        LabelImage labels = new LabelImage(24, 16);
        for (int i = 0; i < labels.labels().length; i++) {
            labels.labels()[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3);
        }
        NucleusOutlines.trace(labels).forEach((label, outline) -> {
            assertTrue(outline.isValid(), "label " + label);
            for (int y = 0; y < labels.height(); y++) {
                for (int x = 0; x < labels.width(); x++) {
                    if (labels.get(x, y) == label) {
                        var centre = outline.getFactory().createPoint(new org.locationtech.jts.geom.Coordinate(x + 0.5, y + 0.5));
                        assertTrue(outline.covers(centre), "pixel " + x + "," + y + " of label " + label);
                    }
                }
            }
        });
    }

    @Test
    void simplificationKeepsShapeWithinTolerance() {
        LabelImage labels = new LabelImage(60, 60);
        int area = NucleusMeasurementsTest.paintDisc(labels, 30, 30, 20, 1);
        Geometry outline = NucleusOutlines.trace(labels).get(1);
        Geometry simple = NucleusOutlines.simplify(outline, 0.5);
        assertTrue(simple.getNumPoints() < outline.getNumPoints() / 2, simple.getNumPoints() + " vs " + outline.getNumPoints());
        double hausdorff = org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance.distance(simple, outline);
        assertTrue(hausdorff <= 2 * 0.5 + 1e-9, "Hausdorff distance " + hausdorff);
        assertEquals(area, simple.getArea(), 0.02 * area);
    }
}
