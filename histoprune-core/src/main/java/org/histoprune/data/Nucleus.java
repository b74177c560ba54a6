package org.histoprune.data;

/**
 * One nucleus: an ellipse (semi-axes {@code a >= b}, rotated by {@code angle}) whose boundary is wobbled by
 * harmonics 2..4, filled with hematoxylin of a given density and chromatin texture, optionally a nucleolus.
 * {@code z} orders overlapping nuclei: the higher one is drawn last and owns the shared pixels.
 *
 * @param harmonics cosine and sine amplitudes of boundary harmonics 2, 3 and 4 (relative to the radius)
 * @param chromatin contrast of the chromatin texture, 0 (uniform) to 1 (coarse clumps)
 * @param rim extra darkness along the nuclear membrane
 * @param nucleolusRadius 0 when there is no nucleolus
 */
record Nucleus(double x, double y, double a, double b, double angle, double[] harmonics, double hematoxylin,
        double eosin, double chromatin, double rim, long textureSeed, double nucleolusX, double nucleolusY,
        double nucleolusRadius, double z) {
    /** Width of the membrane band, px. */
    private static final double RIM_WIDTH = 2.0;

    Nucleus {
        if (!(a >= b && b > 0)) {
            throw new IllegalArgumentException("semi-axes must satisfy a >= b > 0, got " + a + ", " + b);
        }
        if (harmonics.length != 6) {
            throw new IllegalArgumentException("expected 6 harmonic amplitudes, got " + harmonics.length);
        }
    }

    /** The radius of a circle of the same ellipse area. */
    double meanRadius() {
        return Math.sqrt(a * b);
    }

    /** The largest amplitude the boundary wobble can add, relative to the radius. */
    double wobble() {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += Math.hypot(harmonics[2 * k], harmonics[2 * k + 1]);
        }
        return sum;
    }

    /** No point farther than this from the centre belongs to the nucleus. */
    double extent() {
        return a * (1 + wobble()) + 1;
    }

    /**
     * Approximate signed distance in px from the point to the boundary: positive inside. The pixel belongs to the
     * nucleus when it is positive; the drawing blends over the half pixel on either side.
     */
    double margin(double px, double py) {
        double dx = px - x;
        double dy = py - y;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double u = (dx * cos + dy * sin) / a;
        double v = (-dx * sin + dy * cos) / b;
        double rho = Math.sqrt(u * u + v * v);
        if (rho < 1e-9) {
            return b;
        }
        double c1 = u / rho;
        double s1 = v / rho;
        // cos(k phi), sin(k phi) by repeated complex multiplication, cheaper than atan2 + trig.
        double ck = c1;
        double sk = s1;
        double boundary = 1;
        for (int k = 0; k < 3; k++) {
            double next = ck * c1 - sk * s1;
            sk = sk * c1 + ck * s1;
            ck = next;
            boundary += harmonics[2 * k] * ck + harmonics[2 * k + 1] * sk;
        }
        double radiusThisWay = Math.sqrt(a * a * c1 * c1 + b * b * s1 * s1);
        return (boundary - rho) * radiusThisWay;
    }

    /** Hematoxylin at a point inside, {@code margin} px from the boundary. */
    double hematoxylinAt(double px, double py, double margin) {
        double grain = 0.6 * Noise.value(textureSeed, px / 2.3, py / 2.3)
                + 0.4 * Noise.value(textureSeed + 1, px / 1.2, py / 1.2);
        double amount = hematoxylin * (1 + chromatin * (grain - 0.5) * 1.6);
        if (margin < RIM_WIDTH) {
            amount *= 1 + rim * (1 - Math.max(0, margin) / RIM_WIDTH);
        }
        if (nucleolusRadius > 0) {
            double dx = px - nucleolusX;
            double dy = py - nucleolusY;
            double d = Math.sqrt(dx * dx + dy * dy);
            if (d < nucleolusRadius + 0.5) {
                amount *= 1 + 0.8 * Math.min(1, nucleolusRadius + 0.5 - d);
            }
        }
        return amount;
    }
}
