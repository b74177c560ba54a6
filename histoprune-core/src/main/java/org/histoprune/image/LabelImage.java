package org.histoprune.image;

/** An instance label raster: 0 is background, any positive id is one object. Ids need not be consecutive. */
public record LabelImage(int width, int height, int[] labels) {
    public LabelImage {
        Dimensions.check(width, height, labels.length);
    }

    public LabelImage(int width, int height) {
        this(width, height, new int[Math.multiplyExact(width, height)]);
    }

    public int get(int x, int y) {
        return labels[y * width + x];
    }

    public int maxLabel() {
        int max = 0;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max;
    }

    public boolean sameSizeAs(int otherWidth, int otherHeight) {
        return width == otherWidth && height == otherHeight;
    }
}
