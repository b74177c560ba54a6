package org.histoprune.image;

/** Which pixels count as neighbours: the 4 edge neighbours, or those plus the 4 diagonal ones. */
public enum Connectivity {
    FOUR(new int[] {0, -1, 1, 0}, new int[] {-1, 0, 0, 1}),
    EIGHT(new int[] {-1, 0, 1, -1, 1, -1, 0, 1}, new int[] {-1, -1, -1, 0, 0, 1, 1, 1});

    private final int[] dx;
    private final int[] dy;

    Connectivity(int[] dx, int[] dy) {
        this.dx = dx;
        this.dy = dy;
    }

    /**
     * Writes the indices of the in-image neighbours of pixel {@code (x, y)} into {@code out} (at least 8 long)
     * and returns how many there are. Neighbours come in raster order.
     */
    int neighbours(int x, int y, int width, int height, int[] out) {
        int count = 0;
        for (int k = 0; k < dx.length; k++) {
            int nx = x + dx[k];
            int ny = y + dy[k];
            if (nx >= 0 && ny >= 0 && nx < width && ny < height) {
                out[count++] = ny * width + nx;
            }
        }
        return count;
    }
}
