package org.histoprune.data;

/**
 * Deterministic randomness addressed by position: a hash of (seed, x, y) and smooth value noise built on it. Every
 * value depends only on its arguments, so any region of the virtual slide is rendered the same whichever way it
 * is cut into tiles.
 */
final class Noise {
    private Noise() {
    }

    /** SplitMix64's finaliser: a bijective scramble of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long x, long y) {
        return mix(seed ^ mix(x * 0x9E3779B97F4A7C15L ^ mix(y + 0x632BE59BD9B4E019L)));
    }

    /** Uniform in [0, 1). */
    static double unit(long seed, long x, long y) {
        return (hash(seed, x, y) >>> 11) * 0x1.0p-53;
    }

    /** Value noise in [0, 1] with a lattice spacing of 1: random values at integer points, smoothly blended. */
    static double value(long seed, double x, double y) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        long ix = (long) fx;
        long iy = (long) fy;
        double tx = fade(x - fx);
        double ty = fade(y - fy);
        double top = lerp(unit(seed, ix, iy), unit(seed, ix + 1, iy), tx);
        double bottom = lerp(unit(seed, ix, iy + 1), unit(seed, ix + 1, iy + 1), tx);
        return lerp(top, bottom, ty);
    }

    /** Sum of {@code octaves} layers of value noise, each at twice the frequency and half the weight; in [0, 1]. */
    static double fractal(long seed, double x, double y, int octaves) {
        double sum = 0;
        double weight = 1;
        double total = 0;
        for (int octave = 0; octave < octaves; octave++) {
            sum += weight * value(seed + octave, x, y);
            total += weight;
            weight *= 0.5;
            x *= 2;
            y *= 2;
        }
        return sum / total;
    }

    /** 0 below {@code from}, 1 above {@code to}, smooth between. */
    static double smoothStep(double from, double to, double v) {
        double t = Math.max(0, Math.min(1, (v - from) / (to - from)));
        return t * t * (3 - 2 * t);
    }

    private static double fade(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
