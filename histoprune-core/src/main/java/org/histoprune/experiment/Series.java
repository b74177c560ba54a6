package org.histoprune.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * One line of a chart: a value per x (CR, filter ratio, ...), averaged over the seeds that share the x, with the sample
 * standard deviation (0 for a single seed) and the range. Infeasible cells and missing values leave the point out.
 */
public record Series(String name, TreeMap<Double, Point> points) {
    /** Mean, sample standard deviation, smallest and largest value and number of repeats at one x. */
    public record Point(double mean, double sd, double min, double max, int n) {
    }

    static Series of(String name, List<CellResult> cells, ToDoubleFunction<CellResult> x,
            ToDoubleFunction<CellResult> y) {
        Map<Double, List<Double>> values = new TreeMap<>();
        for (CellResult cell : cells) {
            if (cell.status() != CellResult.Status.DONE) {
                continue;
            }
            double value = y.applyAsDouble(cell);
            if (Double.isFinite(value)) {
                values.computeIfAbsent(x.applyAsDouble(cell), k -> new ArrayList<>()).add(value);
            }
        }
        TreeMap<Double, Point> points = new TreeMap<>();
        values.forEach((key, list) -> points.put(key, point(list)));
        return new Series(name, points);
    }

    public Optional<Point> at(double x) {
        return Optional.ofNullable(points.get(x));
    }

    boolean repeated() {
        return points.values().stream().anyMatch(p -> p.n() > 1);
    }

    /** The point of a list of repeats (seeds). */
    static Point point(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : 0;
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return new Point(mean, sd, min, max, values.size());
    }
}
