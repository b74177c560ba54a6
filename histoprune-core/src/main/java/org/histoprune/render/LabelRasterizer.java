package org.histoprune.render;

import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * Draws one overlay tile of an instance layer at screen resolution: each screen pixel samples the label under
 * it, and a pixel whose 4-neighbours carry another label is outline (a nucleus cut by the layer's border gets
 * no outline along the cut). The cost is per screen pixel, whatever the number of nuclei.
 */
final class LabelRasterizer {
    static final int TILE = 256;
    private static final int FILL_ALPHA = 90;
    /** A sample beyond the layer's label image. */
    private static final int OUTSIDE = -1;
    /** Per-nucleus colours keep to this hue range, clear of the H&E stains. */
    static final double MIN_HUE_DEGREES = 15;
    static final double MAX_HUE_DEGREES = 195;
    private static final int[] PALETTE = palette(64);

    private LabelRasterizer() {
    }

    /**
     * The tile ({@code column}, {@code row}) of a grid of {@link #TILE} screen pixels anchored at image (0, 0) at
     * this downsample, or null when it shows no nucleus.
     */
    static BufferedImage tile(InstanceLayer layer, double downsample, int column, int row, boolean fill,
            boolean colourPerInstance) {
        double span = TILE * downsample;
        if (!layer.intersects(column * span, row * span, span, span)) {
            return null;
        }
        int n = TILE + 2;
        int[] columns = sampleIndices(column, downsample, layer.originX(), layer.labels().width());
        int[] rows = sampleIndices(row, downsample, layer.originY(), layer.labels().height());
        int[] labels = layer.labels().labels();
        int width = layer.labels().width();
        int[] ids = new int[n * n];
        java.util.Arrays.fill(ids, OUTSIDE);
        boolean any = false;
        for (int j = 0; j < n; j++) {
            if (rows[j] >= 0) {
                int base = rows[j] * width;
                for (int i = 0; i < n; i++) {
                    if (columns[i] >= 0) {
                        int id = labels[base + columns[i]];
                        ids[j * n + i] = id;
                        any |= id != 0;
                    }
                }
            }
        }
        return any ? paint(ids, layer.rgb(), fill, colourPerInstance) : null;
    }

    /** The colour of a nucleus when each has its own. */
    static int colourOf(int id) {
        return PALETTE[(id * 0x9E3779B9) >>> 26];
    }

    private static BufferedImage paint(int[] ids, int layerRgb, boolean fill, boolean colourPerInstance) {
        int n = TILE + 2;
        BufferedImage tile = new BufferedImage(TILE, TILE, BufferedImage.TYPE_INT_ARGB_PRE);
        int[] pixels = Images.pixels(tile);
        for (int y = 0; y < TILE; y++) {
            for (int x = 0; x < TILE; x++) {
                int at = (y + 1) * n + x + 1;
                int id = ids[at];
                if (id <= 0) {
                    continue;
                }
                boolean edge = differs(id, ids[at - 1]) || differs(id, ids[at + 1]) || differs(id, ids[at - n])
                        || differs(id, ids[at + n]);
                int rgb = colourPerInstance ? colourOf(id) : layerRgb;
                if (edge) {
                    pixels[y * TILE + x] = 0xFF000000 | rgb;
                } else if (fill) {
                    pixels[y * TILE + x] = premultiplied(rgb, FILL_ALPHA);
                }
            }
        }
        return tile;
    }

    private static boolean differs(int id, int neighbour) {
        return neighbour != id && neighbour != OUTSIDE;
    }

    /** Label-image column (or row) under each of the TILE + 2 sample positions, -1 where outside the layer. */
    private static int[] sampleIndices(int tileIndex, double downsample, int origin, int size) {
        int[] indices = new int[TILE + 2];
        for (int i = 0; i < indices.length; i++) {
            double screen = (double) tileIndex * TILE + i - 1 + 0.5;
            int index = (int) Math.floor(screen * downsample) - origin;
            indices[i] = index >= 0 && index < size ? index : -1;
        }
        return indices;
    }

    private static int premultiplied(int rgb, int alpha) {
        int r = ((rgb >> 16) & 0xFF) * alpha / 255;
        int g = ((rgb >> 8) & 0xFF) * alpha / 255;
        int b = (rgb & 0xFF) * alpha / 255;
        return alpha << 24 | r << 16 | g << 8 | b;
    }

    /**
     * Saturated hues from orange through yellow and green to cyan, spread by the golden ratio. Hematoxylin's
     * blue-purple and eosin's pink are left out: outlines in those hues vanish on the stained tissue.
     */
    private static int[] palette(int size) {
        int[] colours = new int[size];
        for (int i = 0; i < size; i++) {
            double degrees = MIN_HUE_DEGREES + (i * 0.6180339887) % 1.0 * (MAX_HUE_DEGREES - MIN_HUE_DEGREES);
            colours[i] = Color.HSBtoRGB((float) (degrees / 360), 0.85f, 1.0f) & 0xFFFFFF;
        }
        return colours;
    }
}
