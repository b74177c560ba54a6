package org.histoprune.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;

/**
 * The filter-importance study's report (the TaylorFO paper's question on our data): {@code cells.csv} (one row
 * per cell and evaluation set), per set a figure of AJI, PQ and Dice against the theoretical FLOPs removed and
 * against the measured inference time of a 1000 x 1000 image (one line per importance through the dense cell,
 * mean with the min..max band over seeds), a figure of measured time against the FLOPs removed with the time the
 * FLOPs predict, and {@code summary.md}: the paper's claims judged against the spread over seeds.
 */
final class FilterImportanceReport {
    static final List<String> METRICS = List.of("aji", "pq", "dice");
    static final List<String> COLUMNS = List.of("importance", "ratio", "seed", "set", "dice", "mse", "aji", "pq",
            "flops_removed", "params", "infer_seconds", "steps", "status", "model");
    /** FLOPs removed at the largest ratio with < 2 % loss that count as "significantly" fewer (the abstract's word). */
    static final double SIGNIFICANT_FLOPS_REMOVED = 0.5;
    private static final String TAYLOR = "taylor";
    private static final String L1 = "l1-filter";
    private static final double CANDIDATE_RATIO = 0.5;

    private final List<CellResult> dense;
    private final Map<String, List<CellResult>> lines = new TreeMap<>();
    private final TreeSet<String> evals = new TreeSet<>();

    private FilterImportanceReport(List<CellResult> cells) {
        List<CellResult> denseCells = new ArrayList<>();
        for (CellResult cell : cells) {
            evals.addAll(cell.metrics().keySet());
            if (cell.spec().strategy().equals(CellSpec.DENSE)) {
                denseCells.add(cell);
            } else {
                lines.computeIfAbsent(cell.spec().strategy(), k -> new ArrayList<>()).add(cell);
            }
        }
        dense = List.copyOf(denseCells);
    }

    /** Writes cells.csv and the charts to {@code out}, the summary into {@code md}; returns the files written. */
    static List<Path> write(List<CellResult> cells, Path out, StringBuilder md) throws IOException {
        return new FilterImportanceReport(cells).write(out, md);
    }

    private List<Path> write(Path out, StringBuilder md) throws IOException {
        List<Path> written = new ArrayList<>();
        writeCsv(out.resolve("cells.csv"));
        written.add(out.resolve("cells.csv"));
        for (String eval : evals) {
            List<JFreeChart> panels = new ArrayList<>();
            for (String metric : METRICS) {
                String name = metric.toUpperCase(Locale.ROOT) + " (" + eval + ")";
                panels.add(Charts.linear(name, "FLOPs removed (theoretical fraction)", metric,
                        series(FilterImportanceReport::flopsRemoved, CompressionView.metric(eval, metric))));
                panels.add(Charts.linear(name, "measured seconds per 1000x1000 image", metric,
                        series(FilterImportanceReport::inferSeconds, CompressionView.metric(eval, metric))));
            }
            written.addAll(ReportWriter.chart(panels, 2, out, "filter-importance-" + eval));
        }
        List<Series> time = new ArrayList<>(series(FilterImportanceReport::flopsRemoved,
                FilterImportanceReport::inferSeconds));
        time.add(theory());
        written.addAll(ReportWriter.chart(List.of(Charts.linear("Measured inference time (batch norm folded)",
                "FLOPs removed (theoretical fraction)", "seconds per 1000x1000 image", time)), 1, out,
                "filter-importance-time"));
        appendSummary(md);
        return written;
    }

    private void writeCsv(Path file) throws IOException {
        List<CellResult> all = new ArrayList<>(dense);
        lines.values().forEach(all::addAll);
        CellTable.writeFilterStudy(all, file, COLUMNS, (cell, set) -> List.of(cell.spec().strategy(),
                CellTable.number(cell.spec().filterRatio()), Long.toString(cell.spec().seed()), set),
                List.of(CellRunner.INFER_SECONDS, CellRunner.RETRAIN_STEPS));
    }

    static double flopsRemoved(CellResult cell) {
        return cell.cost() == null ? Double.NaN : 1 - 1 / cell.cost().speedup();
    }

    private static double inferSeconds(CellResult cell) {
        return cell.facts().getOrDefault(CellRunner.INFER_SECONDS, Double.NaN);
    }

    /** One line per importance through the dense cell: per ratio, x = the mean of {@code x} over its seeds. */
    private List<Series> series(ToDoubleFunction<CellResult> x, ToDoubleFunction<CellResult> y) {
        List<Series> series = new ArrayList<>();
        lines.forEach((importance, cells) -> series.add(line(importance, cells, x, y)));
        return series;
    }

    private Series line(String name, List<CellResult> cells, ToDoubleFunction<CellResult> x,
            ToDoubleFunction<CellResult> y) {
        TreeMap<Double, Series.Point> points = new TreeMap<>();
        for (double ratio : ratios()) {
            List<CellResult> at = ratio == 0 ? dense : cells.stream().filter(c -> c.spec().filterRatio() == ratio)
                    .toList();
            Series.Point xs = Series.of("", at, c -> 0, x).at(0).orElse(null);
            Series.Point ys = Series.of("", at, c -> 0, y).at(0).orElse(null);
            if (xs != null && ys != null) {
                points.put(xs.mean(), ys);
            }
        }
        return new Series(name, points);
    }

    /** The dense time scaled by the FLOPs left: what the theoretical speedup promises. */
    private Series theory() {
        TreeMap<Double, Series.Point> points = new TreeMap<>();
        Optional<Series.Point> denseTime = Series.of("", dense, c -> 0, FilterImportanceReport::inferSeconds).at(0);
        if (denseTime.isPresent()) {
            for (List<CellResult> cells : lines.values()) {
                for (CellResult cell : cells) {
                    double removed = flopsRemoved(cell);
                    if (Double.isFinite(removed)) {
                        double seconds = denseTime.get().mean() * (1 - removed);
                        points.put(removed, new Series.Point(seconds, 0, seconds, seconds, 1));
                    }
                }
            }
            points.put(0.0, denseTime.get());
        }
        return new Series("FLOPs-proportional", points);
    }

    /** 0 (the dense cell) and every ratio of the chains, ascending. */
    private List<Double> ratios() {
        TreeSet<Double> ratios = new TreeSet<>(List.of(0.0));
        lines.values().forEach(cells -> cells.forEach(c -> ratios.add(c.spec().filterRatio())));
        return List.copyOf(ratios);
    }

    /** Mean and spread over seeds of {@code y} for an importance at a ratio (0 = the dense cell). */
    private Optional<Series.Point> point(String importance, double ratio, ToDoubleFunction<CellResult> y) {
        List<CellResult> at = ratio == 0 ? dense : lines.getOrDefault(importance, List.of()).stream()
                .filter(c -> c.spec().filterRatio() == ratio).toList();
        return Series.of("", at, c -> 0, y).at(0);
    }

    private void appendSummary(StringBuilder md) {
        md.append("## Filter-importance study (Taylor vs L1, iterative filter pruning)\n\n")
                .append("Each importance prunes the dense model in one chain per seed: every step removes filters")
                .append(" (counted on the dense network's layers, kept counts rounded to the recipe's channel")
                .append(" multiple) from the previous step's model and fine-tunes it until the held-out loss")
                .append(" plateaus. Both branches are pruned. FLOPs removed are theoretical (dense FLOPs / FLOPs);")
                .append(" time is measured on a 1000x1000 image with batch norm folded (median of ")
                .append(CellRunner.TIMED_RUNS).append(" runs). Means over seeds, +-SD (n = seeds).\n\n");
        for (String eval : evals) {
            appendTable(eval, md);
        }
        appendClaims(md);
        appendCandidates(md);
    }

    private void appendTable(String eval, StringBuilder md) {
        md.append("### ").append(eval).append("\n\n| importance | ratio | FLOPs removed | params | seconds |")
                .append(" measured / theoretical speedup | AJI | PQ | Dice |\n|---|---|---|---|---|---|---|---|---|\n");
        Optional<Series.Point> denseTime = point(CellSpec.DENSE, 0, FilterImportanceReport::inferSeconds);
        for (String importance : lines.keySet()) {
            for (double ratio : ratios()) {
                if (ratio == 0 && !importance.equals(lines.keySet().iterator().next())) {
                    continue;
                }
                String name = ratio == 0 ? CellSpec.DENSE : importance;
                Optional<Series.Point> removed = point(importance, ratio, FilterImportanceReport::flopsRemoved);
                Optional<Series.Point> seconds = point(importance, ratio, FilterImportanceReport::inferSeconds);
                Optional<Series.Point> params = point(importance, ratio, c -> c.cost() == null ? Double.NaN
                        : c.cost().parameters());
                String efficiency = "";
                if (removed.isPresent() && seconds.isPresent() && denseTime.isPresent() && ratio > 0) {
                    double measured = denseTime.get().mean() / seconds.get().mean();
                    double theoretical = 1 / (1 - removed.get().mean());
                    efficiency = String.format(Locale.ROOT, "%.2f / %.2f (%.2f)", measured, theoretical,
                            measured / theoretical);
                }
                md.append(String.format(Locale.ROOT, "| %s | %.0f%% | %s | %s | %s | %s |", name, 100 * ratio,
                        removed.map(p -> String.format(Locale.ROOT, "%.1f%%", 100 * p.mean())).orElse(""),
                        params.map(p -> String.format(Locale.ROOT, "%,.0f", p.mean())).orElse(""),
                        seconds.map(p -> String.format(Locale.ROOT, "%.2f", p.mean())).orElse(""), efficiency));
                for (String metric : METRICS) {
                    md.append(' ').append(point(importance, ratio, CompressionView.metric(eval, metric))
                            .map(CompressionClaims::format).orElse("")).append(" |");
                }
                md.append('\n');
            }
        }
        md.append('\n');
    }

    /**
     * The largest ratio of a chain up to which every step keeps AJI, PQ and Dice within 2 % of the dense model or
     * not clearly below it (the +-1 SD bands overlap); 0 when the first step already loses.
     */
    private double largestSafeRatio(String importance, String eval) {
        double safe = 0;
        for (double ratio : ratios()) {
            if (ratio == 0) {
                continue;
            }
            for (String metric : METRICS) {
                Optional<Series.Point> base = point(importance, 0, CompressionView.metric(eval, metric));
                Optional<Series.Point> pruned = point(importance, ratio, CompressionView.metric(eval, metric));
                if (base.isEmpty() || pruned.isEmpty()) {
                    return safe;
                }
                if (!CompressionClaims.comparable(metric, base.get(), pruned.get())) {
                    return safe;
                }
            }
            safe = ratio;
        }
        return safe;
    }

    private void appendClaims(StringBuilder md) {
        md.append("### The TaylorFO paper's claims on our data\n\n")
                .append("The paper (abstract only in `docs/papers`, polyp segmentation): filters with the lowest")
                .append(" TaylorFO importance (first-order Taylor estimate of the loss change, gradient-normalised)")
                .append(" can be removed \"to some value of pruning\" without degrading performance, which")
                .append(" \"significantly\" reduces parameters and FLOPs; implied by choosing a data-aware criterion,")
                .append(" that it ranks filters better than a data-agnostic one (L1 norm). A comparison is clear when")
                .append(" the +-1 SD bands over seeds do not overlap; a claim holds when most of its comparisons are")
                .append(" clear wins, does not hold when clear losses outnumber clear wins, within noise otherwise.\n\n")
                .append("| claim | ours | verdict |\n|---|---|---|\n");
        for (String eval : evals) {
            int wins = 0;
            int losses = 0;
            int total = 0;
            List<String> numbers = new ArrayList<>();
            for (double ratio : ratios()) {
                for (String metric : METRICS) {
                    Optional<Series.Point> taylor = point(TAYLOR, ratio, CompressionView.metric(eval, metric));
                    Optional<Series.Point> l1 = point(L1, ratio, CompressionView.metric(eval, metric));
                    if (ratio == 0 || taylor.isEmpty() || l1.isEmpty()) {
                        continue;
                    }
                    total++;
                    int outcome = CompressionClaims.clearlyBetter(metric, taylor.get(), l1.get());
                    wins += outcome > 0 ? 1 : 0;
                    losses += outcome < 0 ? 1 : 0;
                    if (metric.equals("aji")) {
                        numbers.add(String.format(Locale.ROOT, "%.0f%%: AJI %s vs %s", 100 * ratio,
                                CompressionClaims.format(taylor.get()), CompressionClaims.format(l1.get())));
                    }
                }
            }
            md.append("| Taylor keeps AJI/PQ/Dice better than L1 on ").append(eval).append(" | ")
                    .append(String.format(Locale.ROOT, "Taylor clearly better in %d, clearly worse in %d of %d"
                            + " (ratio, metric) pairs; %s", wins, losses, total, String.join("; ", numbers)))
                    .append(" | ").append(CompressionClaims.Verdict.of(wins, losses, total)).append(" |\n");
            for (String importance : lines.keySet()) {
                double safe = largestSafeRatio(importance, eval);
                Optional<Series.Point> removed = point(importance, safe, FilterImportanceReport::flopsRemoved);
                Optional<Series.Point> params = point(importance, safe, c -> c.cost() == null ? Double.NaN
                        : c.cost().parameters());
                Optional<Series.Point> denseParams = point(importance, 0, c -> c.cost() == null ? Double.NaN
                        : c.cost().parameters());
                double flops = safe == 0 ? 0 : removed.map(Series.Point::mean).orElse(Double.NaN);
                double paramsRemoved = params.isPresent() && denseParams.isPresent()
                        ? 1 - params.get().mean() / denseParams.get().mean() : Double.NaN;
                CompressionClaims.Verdict verdict = lines.get(importance).isEmpty()
                        ? CompressionClaims.Verdict.NOT_TESTABLE
                        : flops >= SIGNIFICANT_FLOPS_REMOVED ? CompressionClaims.Verdict.HOLDS
                        : CompressionClaims.Verdict.DOES_NOT_HOLD;
                md.append(String.format(Locale.ROOT, "| %s: pruning keeps AJI, PQ and Dice (< 2%% loss or within"
                        + " the spread) while removing >= %.0f%% of the FLOPs on %s | up to %.0f%% of the filters:"
                        + " %.1f%% of the FLOPs and %.1f%% of the parameters removed | %s |%n", importance,
                        100 * SIGNIFICANT_FLOPS_REMOVED, eval, 100 * safe, 100 * flops, 100 * paramsRemoved, verdict));
            }
        }
        md.append('\n');
    }

    /** The models of the 50 % steps: the candidates for a shipped fast model (chosen on held-out images, not here). */
    private void appendCandidates(StringBuilder md) {
        Map<String, String> models = new LinkedHashMap<>();
        lines.forEach((importance, cells) -> cells.stream().filter(c -> c.spec().filterRatio() == CANDIDATE_RATIO
                && c.modelFile() != null).forEach(c -> models.put(importance + " seed " + c.spec().seed(),
                c.modelFile())));
        if (models.isEmpty()) {
            return;
        }
        md.append("### Models of the 50 % steps\n\nCandidates for a fast model (column `model` of `cells.csv`,")
                .append(" relative to the results folder; scratch, not committed: copy one out before the session")
                .append(" ends). Choose among them on held-out training images, not on these test scores.\n\n");
        models.forEach((name, file) -> md.append("- ").append(name).append(": `").append(file).append("`\n"));
        md.append('\n');
    }
}
