package org.histoprune.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.histoprune.io.AtomicFiles;

/** Every cell as one CSV row: its configuration, status, cost, facts and {@code <eval>.<metric>} columns. */
final class CellTable {
    private CellTable() {
    }

    static void write(List<CellResult> cells, Path file) throws IOException {
        TreeSet<String> facts = new TreeSet<>();
        TreeSet<String> metrics = new TreeSet<>();
        for (CellResult cell : cells) {
            facts.addAll(cell.facts().keySet());
            cell.metrics().forEach((eval, values) -> values.keySet().forEach(m -> metrics.add(eval + "." + m)));
        }
        List<String> header = new ArrayList<>(List.of("key", "study", "strategy", "branch", "cr", "one_shot", "filter_ratio",
                "sample_ratio", "seed", "status", "parameters", "conv_weights", "alive_weights", "flops_per_tile",
                "speedup", "file_bytes", "inference_seconds", "compute_seconds"));
        header.addAll(facts);
        header.addAll(metrics);
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (CellResult cell : cells) {
            CellSpec spec = cell.spec();
            CellResult.Cost cost = cell.cost();
            List<String> row = new ArrayList<>(List.of(cell.key(), spec.study().name().toLowerCase(Locale.ROOT),
                    spec.strategy(), spec.branch(), Integer.toString(spec.cr()), Boolean.toString(spec.oneShot()),
                    number(spec.filterRatio()), number(spec.sampleRatio()), Long.toString(spec.seed()),
                    cell.status().name().toLowerCase(Locale.ROOT)));
            if (cost == null) {
                row.addAll(java.util.Collections.nCopies(7, ""));
            } else {
                row.addAll(List.of(Long.toString(cost.parameters()), Long.toString(cost.convWeights()),
                        Long.toString(cost.aliveWeights()), number(cost.flopsPerTile()), number(cost.speedup()),
                        Long.toString(cost.fileBytes()), number(cost.inferenceSeconds())));
            }
            row.add(number(cell.computeSeconds()));
            for (String fact : facts) {
                row.add(cell.facts().containsKey(fact) ? number(cell.facts().get(fact)) : "");
            }
            for (String column : metrics) {
                int dot = column.indexOf('.');
                Double value = cell.metrics().getOrDefault(column.substring(0, dot), java.util.Map.of())
                        .get(column.substring(dot + 1));
                row.add(value == null ? "" : number(value));
            }
            csv.append(String.join(",", row)).append('\n');
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "";
    }
}
