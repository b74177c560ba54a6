package org.histoprune.io;

import java.util.Arrays;
import java.util.List;
import org.histoprune.image.LabelImage;

/**
 * Paints polygons into a label image: a pixel belongs to a polygon when its centre lies inside (even-odd rule)
 * or on the boundary. MoNuSeg's vertices trace pixel centres; with this rule the rasterised test XML
 * reproduces the shipped label maps exactly. Pixel centres sit at integer coordinates here.
 */
final class PolygonRasterizer {
    private PolygonRasterizer() {
    }

    /**
     * Polygon {@code i} (vertices {@code x0, y0, x1, y1, ...}) gets label {@code i + 1}; later polygons overwrite
     * earlier ones where they overlap.
     */
    static LabelImage rasterize(List<double[]> polygons, int width, int height) {
        LabelImage labels = new LabelImage(width, height);
        for (int i = 0; i < polygons.size(); i++) {
            fill(polygons.get(i), i + 1, labels);
        }
        return labels;
    }

    private static void fill(double[] vertices, int label, LabelImage labels) {
        int n = vertices.length / 2;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < n; v++) {
            minY = Math.min(minY, vertices[2 * v + 1]);
            maxY = Math.max(maxY, vertices[2 * v + 1]);
        }
        int firstRow = Math.max(0, (int) Math.ceil(minY));
        int lastRow = Math.min(labels.height() - 1, (int) Math.floor(maxY));
        double[] crossings = new double[n];
        for (int y = firstRow; y <= lastRow; y++) {
            int count = 0;
            for (int v = 0; v < n; v++) {
                double x1 = vertices[2 * v];
                double y1 = vertices[2 * v + 1];
                double x2 = vertices[2 * ((v + 1) % n)];
                double y2 = vertices[2 * ((v + 1) % n) + 1];
                if (y1 == y && y2 == y) {
                    paintSpan(labels, y, Math.min(x1, x2), Math.max(x1, x2), label); // a boundary edge on the row
                } else if ((y1 <= y && y < y2) || (y2 <= y && y < y1)) { // half-open: each vertex counted once
                    crossings[count++] = x1 + (y - y1) * (x2 - x1) / (y2 - y1);
                } else if (y1 == y || y2 == y) {
                    double x = y1 == y ? x1 : x2; // a vertex the half-open rule skips is still on the boundary
                    paintSpan(labels, y, x, x, label);
                }
            }
            Arrays.sort(crossings, 0, count);
            for (int c = 0; c + 1 < count; c += 2) {
                paintSpan(labels, y, crossings[c], crossings[c + 1], label);
            }
        }
    }

    /** Pixels of row {@code y} whose centres lie in {@code [fromX, toX]}. */
    private static void paintSpan(LabelImage labels, int y, double fromX, double toX, int label) {
        int first = Math.max(0, (int) Math.ceil(fromX));
        int last = Math.min(labels.width() - 1, (int) Math.floor(toX));
        int row = y * labels.width();
        for (int x = first; x <= last; x++) {
            labels.labels()[row + x] = label;
        }
    }
}
