package org.histoprune.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianFilterTest {
    /** Unnormalised weight exp(-k^2 / 2) for sigma 1, and the sum over the kernel's reach of 4. */
    private static double weight(int k) {
        return Math.exp(-0.5 * k * k);
    }

    private static double sigmaOneSum() {
        double sum = 0;
        for (int k = -4; k <= 4; k++) {
            sum += weight(k);
        }
        return sum;
    }

    @Test
    void impulseBecomesTheSeparableKernel() {
        FloatMap map = new FloatMap(21, 21);
        map.values()[10 * 21 + 10] = 1f;
        FloatMap smoothed = GaussianFilter.smooth(map, 1.0);
        double z = sigmaOneSum();
        for (int dy = -5; dy <= 5; dy++) {
            for (int dx = -5; dx <= 5; dx++) {
                double expected = Math.abs(dx) > 4 || Math.abs(dy) > 4 ? 0 : weight(dx) * weight(dy) / (z * z);
                assertEquals(expected, smoothed.get(10 + dx, 10 + dy), 1e-7, "at offset " + dx + "," + dy);
            }
        }
    }

    @Test
    void cornerImpulseIsMirroredBackIntoTheImage() {
        FloatMap map = new FloatMap(12, 12);
        map.values()[0] = 1f;
        FloatMap smoothed = GaussianFilter.smooth(map, 1.0);
        double z = sigmaOneSum();
        // Reflect mode: the pixel at -1 is pixel 0, so both offsets 0 and 1 land on (0,0) along each axis.
        double along = (weight(0) + weight(1)) / z;
        assertEquals(along * along, smoothed.get(0, 0), 1e-7);
        // At (1,0) the impulse lies at distances 1 and 2 along x (itself, and its mirror at -1).
        assertEquals((weight(1) + weight(2)) / z * along, smoothed.get(1, 0), 1e-7);
    }

    @Test
    void reflectMapsIndicesLikeScipy() {
        int[] expected = {4, 4, 3, 2, 1, 0, 0, 1, 2, 3, 4, 4, 3};
        for (int i = -6; i <= 6; i++) {
            assertEquals(expected[i + 6], GaussianFilter.reflect(i, 5), "index " + i);
        }
        assertEquals(0, GaussianFilter.reflect(-7, 1));
    }

    @Test
    void keepsConstantsAndTotalMassEvenWhenTheKernelIsWiderThanTheImage() {
        FloatMap constant = new FloatMap(3, 2, new float[] {0.7f, 0.7f, 0.7f, 0.7f, 0.7f, 0.7f});
        for (float value : GaussianFilter.smooth(constant, 3.0).values()) {
            assertEquals(0.7f, value, 1e-6);
        }
        Random random = new Random(7);
        float[] values = new float[40 * 30];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
            sum += values[i];
        }
        double smoothedSum = 0;
        for (float value : GaussianFilter.smooth(new FloatMap(40, 30, values), 2.5).values()) {
            smoothedSum += value;
        }
        assertEquals(sum, smoothedSum, 1e-2);
    }

    @Test
    void sigmaZeroCopiesAndNegativeSigmaIsRefused() {
        FloatMap map = new FloatMap(2, 2, new float[] {1, 2, 3, 4});
        FloatMap copy = GaussianFilter.smooth(map, 0);
        assertArrayEquals(map.values(), copy.values());
        assertNotSame(map.values(), copy.values());
        assertThrows(IllegalArgumentException.class, () -> GaussianFilter.smooth(map, -1));
        assertThrows(IllegalArgumentException.class, () -> GaussianFilter.smooth(map, Double.NaN));
    }
}
