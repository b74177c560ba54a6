package org.histoprune.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {
    @Test
    void matchesBruteForceOnRandomMasks() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int width = 5 + random.nextInt(30);
            int height = 5 + random.nextInt(30);
            boolean[] inside = new boolean[width * height];
            for (int i = 0; i < inside.length; i++) {
                inside[i] = random.nextDouble() < 0.8;
            }
            inside[random.nextInt(inside.length)] = false;
            float[] fast = DistanceTransform.euclidean(inside, width, height);
            for (int i = 0; i < inside.length; i++) {
                assertEquals(bruteForce(inside, width, height, i), fast[i], 1e-4, "pixel " + i);
            }
        }
    }

    @Test
    void distanceGrowsTowardsTheCentreOfASquare() {
        int size = 9;
        boolean[] inside = new boolean[size * size];
        for (int y = 1; y < size - 1; y++) {
            for (int x = 1; x < size - 1; x++) {
                inside[y * size + x] = true;
            }
        }
        float[] distance = DistanceTransform.euclidean(inside, size, size);
        assertEquals(0f, distance[0]);
        assertEquals(1f, distance[size + 1]);
        assertEquals(4f, distance[4 * size + 4]);
    }

    @Test
    void noOutsidePixelGivesInfinity() {
        boolean[] inside = {true, true, true, true};
        float[] distance = DistanceTransform.euclidean(inside, 2, 2);
        for (float d : distance) {
            assertTrue(Float.isInfinite(d));
        }
    }

    @Test
    void rejectsAMaskOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> DistanceTransform.euclidean(new boolean[5], 2, 2));
    }

    private static float bruteForce(boolean[] inside, int width, int height, int index) {
        if (!inside[index]) {
            return 0f;
        }
        double best = Double.POSITIVE_INFINITY;
        int x0 = index % width;
        int y0 = index / width;
        for (int i = 0; i < inside.length; i++) {
            if (!inside[i]) {
                best = Math.min(best, Math.hypot(i % width - x0, i / width - y0));
            }
        }
        return (float) best;
    }
}
