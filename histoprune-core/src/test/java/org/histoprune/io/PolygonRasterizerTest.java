package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.List;
import java.util.Random;
import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;

class PolygonRasterizerTest {
    @Test
    void diamondIncludesItsBoundaryAndApexes() {
        double[] diamond = {3, 0, 6, 3, 3, 6, 0, 3};
        LabelImage labels = PolygonRasterizer.rasterize(List.of(diamond), 8, 8);
        int[] expected = {
            0, 0, 0, 1, 0, 0, 0, 0,
            0, 0, 1, 1, 1, 0, 0, 0,
            0, 1, 1, 1, 1, 1, 0, 0,
            1, 1, 1, 1, 1, 1, 1, 0,
            0, 1, 1, 1, 1, 1, 0, 0,
            0, 0, 1, 1, 1, 0, 0, 0,
            0, 0, 0, 1, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0};
        assertArrayEquals(expected, labels.labels());
    }

    @Test
    void partlyOutsideTheImageIsClipped() {
        double[] square = {-5, -5, 2, -5, 2, 1, -5, 1};
        LabelImage labels = PolygonRasterizer.rasterize(List.of(square), 4, 3);
        assertArrayEquals(new int[] {1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0}, labels.labels());
    }

    @Test
    void agreesWithGeometricDefinitionOnRandomPolygons() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            boolean integer = trial % 2 == 0;
            double[] vertices = new double[2 * (3 + random.nextInt(8))];
            for (int i = 0; i < vertices.length; i++) {
                double value = -2 + random.nextDouble() * 16;
                vertices[i] = integer ? Math.rint(value) : value;
            }
            LabelImage labels = PolygonRasterizer.rasterize(List.of(vertices), 12, 12);
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 12; x++) {
                    assertEquals(insideOrOnBoundary(vertices, x, y) ? 1 : 0, labels.get(x, y),
                            "trial " + trial + " pixel " + x + "," + y);
                }
            }
        }
    }

    private static boolean insideOrOnBoundary(double[] vertices, double x, double y) {
        int n = vertices.length / 2;
        Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        path.moveTo(vertices[0], vertices[1]);
        for (int v = 0; v < n; v++) {
            int w = (v + 1) % n;
            path.lineTo(vertices[2 * w], vertices[2 * w + 1]);
            if (Line2D.ptSegDistSq(vertices[2 * v], vertices[2 * v + 1], vertices[2 * w], vertices[2 * w + 1], x, y)
                    < 1e-18) {
                return true;
            }
        }
        return path.contains(x, y);
    }
}
