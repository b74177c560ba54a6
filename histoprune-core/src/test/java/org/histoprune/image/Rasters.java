package org.histoprune.image;

/** Small rasters drawn as text in tests: one string per row. */
final class Rasters {
    private Rasters() {
    }

    /** '#' is inside, anything else outside. */
    static boolean[] mask(String... rows) {
        int width = rows[0].length();
        boolean[] mask = new boolean[width * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < width; x++) {
                mask[y * width + x] = rows[y].charAt(x) == '#';
            }
        }
        return mask;
    }

    /** Digits are ids ('.' or '0' background). */
    static LabelImage labels(String... rows) {
        int width = rows[0].length();
        int[] labels = new int[width * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < width; x++) {
                char c = rows[y].charAt(x);
                labels[y * width + x] = c == '.' ? 0 : Character.digit(c, 10);
            }
        }
        return new LabelImage(width, rows.length, labels);
    }
}
