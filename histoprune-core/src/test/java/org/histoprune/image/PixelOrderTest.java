package org.histoprune.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PixelOrderTest {
    @Test
    void sortsPixelsByRegionThenHighestFirstWithTiesInRasterOrder() {
        float[] values = {0.5f, -1f, 0.5f, 2f, -0f, 0f, -3.5f, 9f, 7f};
        int[] regions = {1, 1, 1, 1, 1, 1, 1, 0, 2};
        assertArrayEquals(new int[] {3, 0, 2, 5, 4, 1, 6, 8}, PixelOrder.byRegionHighestFirst(values, regions));
        int[] swapped = {2, 2, 2, 2, 2, 2, 2, 0, 1};
        assertArrayEquals(new int[] {8, 3, 0, 2, 5, 4, 1, 6}, PixelOrder.byRegionHighestFirst(values, swapped));
    }

    @Test
    void agreesWithAComparisonSortOnManyValues() {
        Random random = new Random(3);
        float[] values = new float[5000];
        int[] regions = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            // Few distinct values, so that ties are common; both signs and a wide range of exponents.
            values[i] = (random.nextInt(200) - 100) * (float) Math.pow(10, random.nextInt(7) - 3);
            regions[i] = random.nextInt(4);
        }
        int[] expected = IntStream.range(0, values.length).filter(i -> regions[i] > 0).boxed()
                .sorted(Comparator.comparing((Integer i) -> regions[i]).thenComparing(i -> -values[i])
                        .thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, PixelOrder.byRegionHighestFirst(values, regions));
    }
}
