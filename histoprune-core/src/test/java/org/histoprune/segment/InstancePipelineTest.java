package org.histoprune.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.histoprune.image.DistanceTransform;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;

class InstancePipelineTest {
    private static final int WIDTH = 64;
    private static final int HEIGHT = 40;
    private final InstancePipeline pipeline = new InstancePipeline(InstanceParameters.defaults());

    /** Two discs of radius 12 whose centres are 20 px apart; the lens they share goes to the nearer centre. */
    private static LabelImage touchingDiscs() {
        int[] labels = new int[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double left = Math.hypot(x - 22, y - 20);
                double right = Math.hypot(x - 42, y - 20);
                if (Math.min(left, right) <= 12) {
                    labels[y * WIDTH + x] = left <= right ? 1 : 2;
                }
            }
        }
        return new LabelImage(WIDTH, HEIGHT, labels);
    }

    /** Share of the truth's nucleus pixels that the prediction gives the same id as most of that nucleus. */
    private static double agreement(LabelImage truth, LabelImage predicted) {
        int[] t = truth.labels();
        int[] p = predicted.labels();
        int agree = 0;
        int total = 0;
        for (int id = 1; id <= truth.maxLabel(); id++) {
            int[] votes = new int[predicted.maxLabel() + 1];
            for (int i = 0; i < t.length; i++) {
                if (t[i] == id) {
                    votes[p[i]]++;
                    total++;
                }
            }
            int best = 0;
            for (int candidate = 1; candidate < votes.length; candidate++) {
                best = Math.max(best, votes[candidate]);
            }
            agree += best;
        }
        return (double) agree / total;
    }

    @Test
    void separatesTwoTouchingDiscsFromTheirTargetMaps() {
        LabelImage truth = touchingDiscs();
        LabelImage predicted = pipeline.run(TargetMaps.foreground(truth), TargetMaps.normalizedDistance(truth));
        assertEquals(2, predicted.maxLabel());
        assertTrue(agreement(truth, predicted) > 0.97, "agreement " + agreement(truth, predicted));
    }

    @Test
    void separatesTwoTouchingDiscsFromTheDistanceOfTheirUnion() {
        // As a network would see them: one blob, its distance map dipping only at the neck.
        LabelImage truth = touchingDiscs();
        FloatMap foreground = TargetMaps.foreground(truth);
        boolean[] inside = new boolean[WIDTH * HEIGHT];
        for (int i = 0; i < inside.length; i++) {
            inside[i] = truth.labels()[i] > 0;
        }
        float[] distance = DistanceTransform.euclidean(inside, WIDTH, HEIGHT);
        for (int i = 0; i < distance.length; i++) {
            distance[i] /= 12f;
        }
        LabelImage predicted = pipeline.run(foreground, new FloatMap(WIDTH, HEIGHT, distance));
        assertEquals(2, predicted.maxLabel());
        assertTrue(agreement(truth, predicted) > 0.95, "agreement " + agreement(truth, predicted));
    }

    @Test
    void dropsSmallObjectsAndFillsHoles() {
        // A ring of outer radius 10 and inner radius 3 (its hole is not foreground), and a 3x3 speck.
        float[] foreground = new float[WIDTH * HEIGHT];
        float[] distance = new float[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double r = Math.hypot(x - 20, y - 20);
                boolean ring = r <= 10 && r > 3;
                boolean speck = Math.abs(x - 50) <= 1 && Math.abs(y - 20) <= 1;
                foreground[y * WIDTH + x] = ring || speck ? 0.9f : 0.1f;
                distance[y * WIDTH + x] = ring ? (float) (1 - Math.abs(r - 6.5) / 3.5) : speck ? 1f : 0f;
            }
        }
        LabelImage predicted = pipeline.run(new FloatMap(WIDTH, HEIGHT, foreground),
                new FloatMap(WIDTH, HEIGHT, distance));
        assertEquals(1, predicted.maxLabel(), "one ring, the speck is gone");
        assertEquals(1, predicted.get(20, 20), "the hole is filled");
        assertEquals(0, predicted.get(50, 20));
        int area = 0;
        for (int id : predicted.labels()) {
            area += id == 1 ? 1 : 0;
        }
        int disc = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                disc += Math.hypot(x - 20, y - 20) <= 10 ? 1 : 0;
            }
        }
        assertEquals(disc, area);
    }

    @Test
    void keepsAnObjectThatTouchesAnotherOnlyAtACorner() {
        // A 10x10 square with a distance peak, and a flat 6x6 square touching its corner diagonally.
        float[] foreground = new float[WIDTH * HEIGHT];
        float[] distance = new float[WIDTH * HEIGHT];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                boolean big = x < 10 && y < 10;
                boolean small = x >= 10 && y >= 10;
                foreground[y * WIDTH + x] = big || small ? 1f : 0f;
                distance[y * WIDTH + x] = big ? 1f - (Math.abs(x - 4.5f) + Math.abs(y - 4.5f)) / 10f : small ? 0.05f : 0f;
            }
        }
        LabelImage predicted = pipeline.run(new FloatMap(WIDTH, HEIGHT, foreground),
                new FloatMap(WIDTH, HEIGHT, distance));
        assertEquals(2, predicted.maxLabel());
        assertEquals(2, predicted.get(12, 12));
        assertEquals(1, predicted.get(4, 4));
    }

    @Test
    void noForegroundGivesNoInstances() {
        FloatMap zero = new FloatMap(8, 8);
        assertEquals(0, pipeline.run(zero, zero).maxLabel());
    }

    @Test
    void refusesMapsOfDifferentSizes() {
        assertThrows(IllegalArgumentException.class, () -> pipeline.run(new FloatMap(8, 8), new FloatMap(8, 9)));
    }
}
