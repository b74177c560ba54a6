package org.histoprune.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianTest {
    @Test
    void greedyChoiceIsNotOptimal() {
        // Greedy takes 0.9 (row 0 -> column 0) and then 0.1; the optimum is 0.8 + 0.7.
        double[][] weights = {{0.9, 0.8}, {0.7, 0.1}};
        assertArrayEquals(new int[] {1, 0}, Hungarian.maximize(weights));
    }

    @Test
    void knownSquareMatrix() {
        double[][] weights = {{7, 53, 183, 439}, {497, 383, 563, 79}, {627, 343, 773, 959}, {447, 283, 463, 29}};
        // 439 + 383 + 773 + 447 = 2042, found by hand over the 24 permutations.
        assertArrayEquals(new int[] {3, 1, 2, 0}, Hungarian.maximize(weights));
    }

    @Test
    void moreColumnsThanRows() {
        double[][] weights = {{0.1, 0.2, 0.9}, {0.3, 0.8, 0.95}};
        assertArrayEquals(new int[] {2, 1}, Hungarian.maximize(weights));
    }

    @Test
    void moreRowsThanColumnsLeavesSomeUnassigned() {
        double[][] weights = {{0.5}, {0.6}, {0.2}};
        assertArrayEquals(new int[] {-1, 0, -1}, Hungarian.maximize(weights));
    }

    @Test
    void emptyMatrix() {
        assertArrayEquals(new int[0], Hungarian.maximize(new double[0][0]));
    }

    @Test
    void raggedMatrixIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Hungarian.maximize(new double[][] {{1, 2}, {3}}));
    }

    @Test
    void matchesBruteForceOnRandomMatrices() {
        Random random = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + random.nextInt(6);
            int columns = 1 + random.nextInt(6);
            double[][] weights = new double[rows][columns];
            for (double[] row : weights) {
                for (int c = 0; c < columns; c++) {
                    // Many zeros, as in sparse IoU matrices.
                    row[c] = random.nextInt(3) == 0 ? 0 : random.nextDouble();
                }
            }
            int[] assignment = Hungarian.maximize(weights);
            assertDistinctColumns(assignment, Math.min(rows, columns));
            assertEquals(bruteForceMaximum(weights), total(weights, assignment), 1e-12, "trial " + trial);
        }
    }

    private static void assertDistinctColumns(int[] assignment, int expectedAssigned) {
        boolean[] used = new boolean[64];
        int assigned = 0;
        for (int column : assignment) {
            if (column >= 0) {
                assertEquals(false, used[column], "column assigned twice");
                used[column] = true;
                assigned++;
            }
        }
        assertEquals(expectedAssigned, assigned);
    }

    private static double total(double[][] weights, int[] assignment) {
        double sum = 0;
        for (int r = 0; r < assignment.length; r++) {
            if (assignment[r] >= 0) {
                sum += weights[r][assignment[r]];
            }
        }
        return sum;
    }

    /** Best total over all partial injections of rows into columns. */
    private static double bruteForceMaximum(double[][] weights) {
        return best(weights, 0, new boolean[weights[0].length]);
    }

    private static double best(double[][] weights, int row, boolean[] used) {
        if (row == weights.length) {
            return 0;
        }
        double best = best(weights, row + 1, used);
        for (int c = 0; c < used.length; c++) {
            if (!used[c]) {
                used[c] = true;
                best = Math.max(best, weights[row][c] + best(weights, row + 1, used));
                used[c] = false;
            }
        }
        return best;
    }
}
