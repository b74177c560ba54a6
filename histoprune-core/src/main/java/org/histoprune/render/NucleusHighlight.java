package org.histoprune.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.util.ArrayDeque;
import java.util.BitSet;
import org.histoprune.image.LabelImage;

/** The nucleus under the cursor, outlined along its pixel edges: a vector overlay in image coordinates. */
public record NucleusHighlight(InstanceLayer layer, int id, Path2D outline) implements Overlay {
    private static final Color HALO = new Color(0, 0, 0, 160);

    /** The nucleus of {@code layer} at a level-0 point, or null over background. */
    public static NucleusHighlight at(InstanceLayer layer, double imageX, double imageY) {
        int id = layer.idAt(imageX, imageY);
        if (id == 0) {
            return null;
        }
        int startX = (int) Math.floor(imageX) - layer.originX();
        int startY = (int) Math.floor(imageY) - layer.originY();
        return new NucleusHighlight(layer, id, trace(layer, id, startX, startY));
    }

    @Override
    public void paint(Graphics2D g, ViewTransform view) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float pixel = (float) view.downsample();
        g.setStroke(new BasicStroke(4 * pixel));
        g.setColor(HALO);
        g.draw(outline);
        g.setStroke(new BasicStroke(2 * pixel));
        g.setColor(Color.WHITE);
        g.draw(outline);
    }

    /** The edges between the nucleus's pixels (4-connected from the start) and everything else. */
    private static Path2D trace(InstanceLayer layer, int id, int startX, int startY) {
        LabelImage labels = layer.labels();
        int width = labels.width();
        BitSet seen = new BitSet(width * labels.height());
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        Path2D.Float path = new Path2D.Float();
        queue.add(startY * width + startX);
        seen.set(startY * width + startX);
        int[][] steps = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
        while (!queue.isEmpty()) {
            int index = queue.poll();
            int x = index % width;
            int y = index / width;
            for (int[] step : steps) {
                int nx = x + step[0];
                int ny = y + step[1];
                boolean same = nx >= 0 && ny >= 0 && nx < width && ny < labels.height() && labels.get(nx, ny) == id;
                if (!same) {
                    addEdge(path, layer.originX() + x, layer.originY() + y, step);
                } else if (!seen.get(ny * width + nx)) {
                    seen.set(ny * width + nx);
                    queue.add(ny * width + nx);
                }
            }
        }
        return path;
    }

    private static void addEdge(Path2D path, int x, int y, int[] step) {
        double x0 = step[0] > 0 ? x + 1 : x;
        double y0 = step[1] > 0 ? y + 1 : y;
        double x1 = step[0] == 0 ? x + 1 : x0;
        double y1 = step[1] == 0 ? y + 1 : y0;
        path.moveTo(x0, y0);
        path.lineTo(x1, y1);
    }
}
