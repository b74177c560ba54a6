package org.histoprune.render;

import java.util.Objects;
import org.histoprune.image.LabelImage;

/**
 * One set of nuclei over the slide (a prediction or the ground truth): a label image whose top-left pixel
 * sits at ({@code originX}, {@code originY}) of level 0, drawn in {@code rgb} when one colour per layer is asked.
 * Equality is identity, so a recomputed layer never reuses the overlay tiles of the old one.
 */
public final class InstanceLayer {
    private final String name;
    private final int originX;
    private final int originY;
    private final LabelImage labels;
    private final int rgb;
    private final int[] areas;
    private final int count;

    public InstanceLayer(String name, int originX, int originY, LabelImage labels, int rgb) {
        this.name = Objects.requireNonNull(name);
        this.originX = originX;
        this.originY = originY;
        this.labels = Objects.requireNonNull(labels);
        this.rgb = rgb & 0xFFFFFF;
        this.areas = new int[labels.maxLabel() + 1];
        for (int id : labels.labels()) {
            areas[id]++;
        }
        int present = 0;
        for (int id = 1; id < areas.length; id++) {
            present += areas[id] > 0 ? 1 : 0;
        }
        this.count = present;
    }

    public String name() {
        return name;
    }

    public int originX() {
        return originX;
    }

    public int originY() {
        return originY;
    }

    public LabelImage labels() {
        return labels;
    }

    public int rgb() {
        return rgb;
    }

    /** Number of distinct nuclei. */
    public int count() {
        return count;
    }

    /** The nucleus id at a level-0 point, 0 for background or outside the layer. */
    public int idAt(double imageX, double imageY) {
        int x = (int) Math.floor(imageX) - originX;
        int y = (int) Math.floor(imageY) - originY;
        return x < 0 || y < 0 || x >= labels.width() || y >= labels.height() ? 0 : labels.get(x, y);
    }

    /** Area of a nucleus in level-0 pixels. */
    public int area(int id) {
        return id > 0 && id < areas.length ? areas[id] : 0;
    }

    boolean intersects(double x, double y, double width, double height) {
        return x < originX + labels.width() && y < originY + labels.height() && x + width > originX
                && y + height > originY;
    }
}
