package org.histoprune.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.histoprune.prune.PrunedBranches;

/**
 * The scored compression cells of a results folder seen as lines: one per strategy and pruned branch (one-shot
 * and first/last-dense lines apart), each starting at the dense cell (CR 1), plus lookups of mean metrics per
 * evaluation set and CR. Chain cells that only feed a merge are scored through it and are not lines.
 */
public final class CompressionView {
    /** Metrics of the seed paper's figures, in panel order. */
    public static final List<String> FIGURE_METRICS = List.of("dice", "mse", "aji", "pq");
    static final String LAYERWISE = "layerwise";
    static final String GLOBAL = "global";

    private final List<CellResult> dense = new ArrayList<>();
    private final Map<String, List<CellResult>> lines = new TreeMap<>(); // lines by name: stable columns
    private final TreeSet<String> evals = new TreeSet<>();

    public CompressionView(List<CellResult> cells) {
        for (CellResult cell : cells) {
            if (cell.spec().study() != CellSpec.Study.COMPRESSION || cell.spec().evals().isEmpty()) {
                continue;
            }
            evals.addAll(cell.metrics().keySet());
            if (cell.spec().cr() == 1) {
                dense.add(cell);
            } else {
                lines.computeIfAbsent(lineName(cell.spec()), k -> new ArrayList<>()).add(cell);
            }
        }
    }

    /** The strategy, and the branch when only one was pruned (a merge of both is the plain strategy). */
    public static String lineName(CellSpec spec) {
        return spec.strategy() + (spec.branches() == PrunedBranches.BOTH ? "" : " " + spec.branch())
                + (spec.oneShot() ? " one-shot" : "") + (spec.recipe().excludeFirstLast() ? " first/last dense" : "");
    }

    /**
     * Which branch a metric of a line describes: Dice and the pixel scores the segmentation branch, MSE the
     * regression branch, the instance scores both (the paper's figures).
     */
    public static String branchOf(String metric) {
        return switch (metric) {
            case "mse" -> "regression branch";
            case "aji", "aji_plus", "pq", "dq", "sq", "instance_dice" -> "both branches";
            default -> "segmentation branch";
        };
    }

    public boolean isEmpty() {
        return dense.isEmpty() && lines.isEmpty();
    }

    public List<String> lineNames() {
        return List.copyOf(lines.keySet());
    }

    public List<String> evals() {
        return List.copyOf(evals);
    }

    /** The primary (in-distribution) set: {@code wanted} if given, else the first whose name has "test". */
    public String primary(String wanted) {
        if (wanted != null && evals.contains(wanted)) {
            return wanted;
        }
        return evals.stream().filter(e -> e.contains("test")).findFirst().orElse(evals.isEmpty() ? "" : evals.first());
    }

    /** One series per line (the dense cell at CR 1 included). */
    public List<Series> series(ToDoubleFunction<CellResult> y) {
        List<Series> series = new ArrayList<>();
        lines.forEach((name, cells) -> {
            List<CellResult> withDense = new ArrayList<>(dense);
            withDense.addAll(cells);
            series.add(Series.of(name, withDense, c -> c.spec().cr(), y));
        });
        if (lines.isEmpty() && !dense.isEmpty()) {
            series.add(Series.of(CellSpec.DENSE, dense, c -> c.spec().cr(), y));
        }
        return series;
    }

    public static ToDoubleFunction<CellResult> metric(String eval, String metric) {
        return c -> c.metrics().getOrDefault(eval, Map.of()).getOrDefault(metric, Double.NaN);
    }

    /** Mean of {@code metric} on {@code eval} for a line at a CR (CR 1 = dense). */
    Optional<Double> mean(String line, String eval, String metric, int cr) {
        return point(line, eval, metric, cr).map(Series.Point::mean);
    }

    /** Mean and spread over the seeds of {@code metric} on {@code eval} for a line at a CR (CR 1 = dense). */
    Optional<Series.Point> point(String line, String eval, String metric, int cr) {
        List<CellResult> cells = cr == 1 ? dense : lines.getOrDefault(line, List.of()).stream()
                .filter(c -> c.spec().cr() == cr).toList();
        return Series.of(line, cells, c -> cr, metric(eval, metric)).at(cr);
    }

    /** The first finished cell of a line at a CR (CR 1 = the dense cell), e.g. to load its model. */
    public Optional<CellResult> cell(String line, int cr) {
        List<CellResult> cells = cr == 1 ? dense : lines.getOrDefault(line, List.of());
        return cells.stream().filter(c -> c.spec().cr() == cr && c.status() == CellResult.Status.DONE).findFirst();
    }

    /** Whether the line holds a cell at this CR that could not be computed (e.g. an emptied layer). */
    boolean infeasible(String line, int cr) {
        return lines.getOrDefault(line, List.of()).stream()
                .anyMatch(c -> c.spec().cr() == cr && c.status() == CellResult.Status.INFEASIBLE);
    }

    /** CRs of a line in ascending order (without 1). */
    List<Integer> crs(String line) {
        return lines.getOrDefault(line, List.of()).stream().map(c -> c.spec().cr()).distinct().sorted().toList();
    }

    List<Integer> allCrs() {
        return lines.values().stream().flatMap(List::stream).map(c -> c.spec().cr()).distinct().sorted().toList();
    }
}
