package org.histoprune.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.histoprune.io.AtomicFiles;

/**
 * Every cell as CSV, one row per cell and evaluation set (a cell scored on no set, e.g. a chain cell of a merge
 * or an infeasible one, keeps one row with an empty {@code eval}): what names the cell (strategy, branch, CR,
 * seed, set), the paper's metrics and the retraining steps first, then every other metric, the cost and the facts.
 */
final class CellTable {
    /** The metrics of the paper's figures, in their own columns right after the cell's identity. */
    static final List<String> LEADING_METRICS = List.of("dice", "mse", "aji", "aji_plus", "pq");

    private CellTable() {
    }

    static void write(List<CellResult> cells, Path file) throws IOException {
        TreeSet<String> facts = new TreeSet<>();
        TreeSet<String> metrics = new TreeSet<>();
        for (CellResult cell : cells) {
            facts.addAll(cell.facts().keySet());
            cell.metrics().values().forEach(values -> metrics.addAll(values.keySet()));
        }
        metrics.removeAll(LEADING_METRICS);
        List<String> header = new ArrayList<>(List.of("key", "study", "strategy", "branch", "cr", "seed", "eval",
                "status"));
        header.addAll(LEADING_METRICS);
        header.add("steps");
        header.addAll(metrics);
        header.addAll(List.of("one_shot", "filter_ratio", "sample_ratio", "parameters", "conv_weights",
                "alive_weights", "flops_per_tile", "speedup", "file_bytes", "inference_seconds", "compute_seconds"));
        header.addAll(facts);
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (CellResult cell : cells) {
            List<String> evals = cell.metrics().isEmpty() ? List.of("") : List.copyOf(new TreeSet<>(
                    cell.metrics().keySet()));
            for (String eval : evals) {
                csv.append(String.join(",", row(cell, eval, metrics, facts))).append('\n');
            }
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    private static List<String> row(CellResult cell, String eval, TreeSet<String> metrics, TreeSet<String> facts) {
        CellSpec spec = cell.spec();
        Map<String, Double> scores = cell.metrics().getOrDefault(eval, Map.of());
        List<String> row = new ArrayList<>(List.of(cell.key(), spec.study().name().toLowerCase(Locale.ROOT),
                spec.strategy(), spec.branch(), Integer.toString(spec.cr()), Long.toString(spec.seed()), eval,
                cell.status().name().toLowerCase(Locale.ROOT)));
        for (String metric : LEADING_METRICS) {
            row.add(value(scores.get(metric)));
        }
        row.add(value(retrainSteps(cell)));
        for (String metric : metrics) {
            row.add(value(scores.get(metric)));
        }
        row.addAll(List.of(Boolean.toString(spec.oneShot()), number(spec.filterRatio()), number(spec.sampleRatio())));
        CellResult.Cost cost = cell.cost();
        if (cost == null) {
            row.addAll(Collections.nCopies(7, ""));
        } else {
            row.addAll(List.of(Long.toString(cost.parameters()), Long.toString(cost.convWeights()),
                    Long.toString(cost.aliveWeights()), number(cost.flopsPerTile()), number(cost.speedup()),
                    Long.toString(cost.fileBytes()), number(cost.inferenceSeconds())));
        }
        row.add(number(cell.computeSeconds()));
        for (String fact : facts) {
            row.add(value(cell.facts().get(fact)));
        }
        return row;
    }

    /**
     * The filter studies' table: a row per cell and evaluation set (one row with an empty set for an unscored
     * cell): the columns {@code naming} gives, Dice, MSE, AJI, PQ, FLOPs removed, parameters, the {@code facts},
     * the status and the model file (relative to the results folder).
     */
    static void writeFilterStudy(List<CellResult> cells, Path file, List<String> header,
            java.util.function.BiFunction<CellResult, String, List<String>> naming, List<String> facts)
            throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (CellResult cell : cells) {
            List<String> sets = cell.metrics().isEmpty() ? List.of("") : List.copyOf(new TreeSet<>(
                    cell.metrics().keySet()));
            for (String set : sets) {
                Map<String, Double> scores = cell.metrics().getOrDefault(set, Map.of());
                List<String> row = new ArrayList<>(naming.apply(cell, set));
                for (String metric : List.of("dice", "mse", "aji", "pq")) {
                    row.add(value(scores.get(metric)));
                }
                row.add(cell.cost() == null ? "" : number(1 - 1 / cell.cost().speedup()));
                row.add(cell.cost() == null ? "" : Long.toString(cell.cost().parameters()));
                facts.forEach(fact -> row.add(value(cell.facts().get(fact))));
                row.add(cell.status().name().toLowerCase(Locale.ROOT));
                row.add(cell.modelFile() == null ? "" : cell.modelFile());
                csv.append(String.join(",", row)).append('\n');
            }
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    /** Retraining steps of the cell's last round; for a merged cell those of its two branches together. */
    static Double retrainSteps(CellResult cell) {
        Double own = cell.facts().get(CellRunner.RETRAIN_STEPS);
        if (own != null) {
            return own;
        }
        Double segmentation = cell.facts().get(CellRunner.RETRAIN_STEPS + "_segmentation");
        Double regression = cell.facts().get(CellRunner.RETRAIN_STEPS + "_regression");
        return segmentation == null || regression == null ? null : segmentation + regression;
    }

    static String value(Double value) {
        return value == null ? "" : number(value);
    }

    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "";
    }
}
