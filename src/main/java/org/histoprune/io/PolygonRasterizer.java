package org.histoprune.io;

import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.histoprune.image.LabelImage;

/**
 * Paints polygons into a label image: a pixel belongs to a polygon when its centre lies inside or on the
 * boundary (MoNuSeg's vertices trace pixel centres; with this rule the rasterised test XML reproduces the
 * shipped label maps exactly).
 */
final class PolygonRasterizer {
    /** Half the side of the square probed around a pixel centre, so that centres on an edge count. */
    private static final double EDGE = 1e-6;

    private PolygonRasterizer() {
    }

    /**
     * Polygon {@code i} (vertices {@code x0, y0, x1, y1, ...}, pixel centres at integer coordinates) gets
     * label {@code i + 1}; later polygons overwrite earlier ones where they overlap.
     */
    static LabelImage rasterize(List<double[]> polygons, int width, int height) {
        int[] labels = new int[Math.multiplyExact(width, height)];
        for (int i = 0; i < polygons.size(); i++) {
            fill(polygons.get(i), i + 1, labels, width, height);
        }
        return new LabelImage(width, height, labels);
    }

    private static void fill(double[] vertices, int label, int[] labels, int width, int height) {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD, vertices.length / 2);
        path.moveTo(vertices[0], vertices[1]);
        for (int v = 2; v < vertices.length; v += 2) {
            path.lineTo(vertices[v], vertices[v + 1]);
        }
        path.closePath();
        Rectangle2D bounds = path.getBounds2D();
        int x0 = Math.max(0, (int) Math.floor(bounds.getMinX()));
        int y0 = Math.max(0, (int) Math.floor(bounds.getMinY()));
        int x1 = Math.min(width - 1, (int) Math.ceil(bounds.getMaxX()));
        int y1 = Math.min(height - 1, (int) Math.ceil(bounds.getMaxY()));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (path.intersects(x - EDGE, y - EDGE, 2 * EDGE, 2 * EDGE)) {
                    labels[y * width + x] = label;
                }
            }
        }
    }
}
