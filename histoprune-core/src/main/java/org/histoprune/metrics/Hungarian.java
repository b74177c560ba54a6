package org.histoprune.metrics;

import java.util.Arrays;

/**
 * Maximum-weight assignment (Hungarian algorithm with potentials, O(n^2 m)) on a dense rectangular matrix:
 * every row of the smaller side is matched to a distinct column so that the total weight is largest.
 */
final class Hungarian {
    private Hungarian() {
    }

    /** For each row, the column assigned to it, or -1 when there are more rows than columns and it got none. */
    static int[] maximize(double[][] weights) {
        int rows = weights.length;
        int columns = rows == 0 ? 0 : weights[0].length;
        for (double[] row : weights) {
            if (row.length != columns) {
                throw new IllegalArgumentException("weight matrix rows differ in length");
            }
        }
        if (rows <= columns) {
            return minimizeCost(rows, columns, (r, c) -> -weights[r][c]);
        }
        int[] columnToRow = minimizeCost(columns, rows, (r, c) -> -weights[c][r]);
        int[] rowToColumn = new int[rows];
        Arrays.fill(rowToColumn, -1);
        for (int c = 0; c < columns; c++) {
            rowToColumn[columnToRow[c]] = c;
        }
        return rowToColumn;
    }

    private interface Cost {
        double at(int row, int column);
    }

    /** Minimum-cost assignment of all {@code n} rows to distinct columns of {@code m >= n}; 1-based internally. */
    private static int[] minimizeCost(int n, int m, Cost cost) {
        double[] rowPotential = new double[n + 1];
        double[] columnPotential = new double[m + 1];
        int[] rowOfColumn = new int[m + 1];
        int[] previousColumn = new int[m + 1];
        double[] slack = new double[m + 1];
        boolean[] visited = new boolean[m + 1];
        for (int row = 1; row <= n; row++) {
            rowOfColumn[0] = row;
            int column = 0;
            Arrays.fill(slack, Double.POSITIVE_INFINITY);
            Arrays.fill(visited, false);
            do {
                visited[column] = true;
                int currentRow = rowOfColumn[column];
                double delta = Double.POSITIVE_INFINITY;
                int nextColumn = 0;
                for (int j = 1; j <= m; j++) {
                    if (!visited[j]) {
                        double reduced = cost.at(currentRow - 1, j - 1) - rowPotential[currentRow] - columnPotential[j];
                        if (reduced < slack[j]) {
                            slack[j] = reduced;
                            previousColumn[j] = column;
                        }
                        if (slack[j] < delta) {
                            delta = slack[j];
                            nextColumn = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (visited[j]) {
                        rowPotential[rowOfColumn[j]] += delta;
                        columnPotential[j] -= delta;
                    } else {
                        slack[j] -= delta;
                    }
                }
                column = nextColumn;
            } while (rowOfColumn[column] != 0);
            // Flip the augmenting path back to the start.
            do {
                int previous = previousColumn[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            } while (column != 0);
        }
        int[] columnOfRow = new int[n];
        for (int j = 1; j <= m; j++) {
            if (rowOfColumn[j] != 0) {
                columnOfRow[rowOfColumn[j] - 1] = j - 1;
            }
        }
        return columnOfRow;
    }
}
