package org.histoprune.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PixelOrderTest {
    @Test
    void sortsSelectedPixelsHighestFirstWithTiesInRasterOrder() {
        float[] values = {0.5f, -1f, 0.5f, 2f, -0f, 0f, -3.5f, 9f};
        boolean[] selected = {true, true, true, true, true, true, true, false};
        assertArrayEquals(new int[] {3, 0, 2, 5, 4, 1, 6}, PixelOrder.highestFirst(values, selected));
    }

    @Test
    void agreesWithAComparisonSortOnManyValues() {
        Random random = new Random(3);
        float[] values = new float[5000];
        boolean[] selected = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            // Few distinct values, so that ties are common; both signs and large exponents.
            values[i] = (random.nextInt(200) - 100) * (float) Math.pow(10, random.nextInt(7) - 3);
            selected[i] = random.nextInt(4) > 0;
        }
        int[] expected = IntStream.range(0, values.length).filter(i -> selected[i]).boxed()
                .sorted(Comparator.comparing((Integer i) -> -values[i]).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, PixelOrder.highestFirst(values, selected));
    }
}
