package org.histoprune.image;

/** Sort keys for pixels: a float's order as an int, packed with a tie-breaking int into one long. */
final class FloatOrder {
    private FloatOrder() {
    }

    /** An int that orders as the float does (for finite values; -0 sorts just below +0). */
    static int sortable(float value) {
        int bits = Float.floatToIntBits(value);
        return bits >= 0 ? bits : bits ^ Integer.MAX_VALUE;
    }

    /** A long that orders by {@code value} ascending, then by {@code tieBreak} (>= 0) ascending. */
    static long ascending(float value, int tieBreak) {
        return (long) sortable(value) << 32 | tieBreak;
    }

    /** The tie-breaking int of a key made by {@link #ascending}. */
    static int tieBreak(long key) {
        return (int) key;
    }
}
