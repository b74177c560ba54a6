package org.histoprune.image;

/** Which pixels count as neighbours: the 4 edge neighbours, or those plus the 4 diagonal ones. */
public enum Connectivity {
    FOUR,
    EIGHT;

    /**
     * Writes the indices of the in-image neighbours of pixel {@code (x, y)} into {@code out} (at least 8 long)
     * and returns how many there are. Neighbours come in raster order.
     */
    int neighbours(int x, int y, int width, int height, int[] out) {
        int p = y * width + x;
        boolean left = x > 0;
        boolean right = x < width - 1;
        boolean up = y > 0;
        boolean down = y < height - 1;
        int count = 0;
        if (this == EIGHT && up && left) {
            out[count++] = p - width - 1;
        }
        if (up) {
            out[count++] = p - width;
        }
        if (this == EIGHT && up && right) {
            out[count++] = p - width + 1;
        }
        if (left) {
            out[count++] = p - 1;
        }
        if (right) {
            out[count++] = p + 1;
        }
        if (this == EIGHT && down && left) {
            out[count++] = p + width - 1;
        }
        if (down) {
            out[count++] = p + width;
        }
        if (this == EIGHT && down && right) {
            out[count++] = p + width + 1;
        }
        return count;
    }
}
