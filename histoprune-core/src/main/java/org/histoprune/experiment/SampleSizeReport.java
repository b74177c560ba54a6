package org.histoprune.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;

/**
 * The sample-size study's report (the L1 filter-pruning paper's question: does a network trained on fewer images
 * tolerate more or less pruning?): {@code cells.csv}, per evaluation set a figure of AJI, PQ and Dice against the
 * pruning ratio (one line per training-image fraction, mean with the min..max band over seeds) and of the AJI drop
 * from ratio 0, and {@code summary.md} with the drops per subset and the verdicts. A drop is paired: each seed's
 * pruned network against the unpruned network it was pruned from.
 */
final class SampleSizeReport {
    static final List<String> METRICS = List.of("aji", "pq", "dice");
    static final List<String> COLUMNS = List.of("fraction", "images", "ratio", "seed", "set", "dice", "mse", "aji",
            "pq", "flops_removed", "params", "steps", "training_steps", "status", "model");
    /** The paper: up to 30-40 % of the filters pruned, performance comparable to the unpruned network. */
    static final double PAPER_COMPARABLE_RATIO = 0.3;

    /** Cells by training-image fraction, then by filter ratio. */
    private final TreeMap<Double, TreeMap<Double, List<CellResult>>> grid = new TreeMap<>();
    private final TreeSet<String> evals = new TreeSet<>();
    private final List<CellResult> cells;

    private SampleSizeReport(List<CellResult> cells) {
        this.cells = cells;
        for (CellResult cell : cells) {
            evals.addAll(cell.metrics().keySet());
            grid.computeIfAbsent(cell.spec().sampleRatio(), k -> new TreeMap<>())
                    .computeIfAbsent(cell.spec().filterRatio(), k -> new ArrayList<>()).add(cell);
        }
    }

    /** Writes cells.csv and the charts to {@code out}, the summary into {@code md}; returns the files written. */
    static List<Path> write(List<CellResult> cells, Path out, StringBuilder md) throws IOException {
        return new SampleSizeReport(cells).write(out, md);
    }

    private List<Path> write(Path out, StringBuilder md) throws IOException {
        List<Path> written = new ArrayList<>();
        writeCsv(out.resolve("cells.csv"));
        written.add(out.resolve("cells.csv"));
        md.append("## Sample-size study (training images x L1 filter pruning)\n\n")
                .append("Per seed, nested subsets of the training images (the held-out images excluded from all);")
                .append(" on each a network trained from scratch with the same budget (ratio 0), then L1-pruned at")
                .append(" each ratio and fine-tuned on its subset until the held-out loss plateaus. Drops are")
                .append(" paired per seed (pruned network against the network it was pruned from), means +-SD over")
                .append(" seeds (n = seeds).\n\n");
        for (String eval : evals) {
            List<JFreeChart> panels = new ArrayList<>();
            for (String metric : METRICS) {
                panels.add(Charts.linear(metric.toUpperCase(Locale.ROOT) + " (" + eval + ")",
                        "fraction of filters pruned", metric, byFraction(eval, metric, false)));
            }
            panels.add(Charts.linear("AJI drop from ratio 0 (" + eval + ")", "fraction of filters pruned",
                    "AJI(ratio 0) - AJI(ratio)", byFraction(eval, "aji", true)));
            written.addAll(ReportWriter.chart(panels, 2, out, "sample-size-" + eval));
            appendDrops(eval, md);
        }
        appendClaims(md);
        return written;
    }

    private void writeCsv(Path file) throws IOException {
        List<CellResult> sorted = cells.stream().sorted(Comparator.comparingDouble((CellResult c) -> c.spec()
                .sampleRatio()).thenComparingLong(c -> c.spec().seed()).thenComparingDouble(c -> c.spec()
                .filterRatio())).toList();
        CellTable.writeFilterStudy(sorted, file, COLUMNS, (cell, set) -> List.of(
                CellTable.number(cell.spec().sampleRatio()), CellTable.value(cell.facts().get(
                CellRunner.TRAINING_IMAGES)), CellTable.number(cell.spec().filterRatio()),
                Long.toString(cell.spec().seed()), set), List.of(CellRunner.RETRAIN_STEPS, CellRunner.TRAINING_STEPS));
    }

    /** One line per fraction: the metric (or its paired drop from ratio 0) against the filter ratio. */
    private List<Series> byFraction(String eval, String metric, boolean drop) {
        List<Series> series = new ArrayList<>();
        grid.forEach((fraction, byRatio) -> {
            TreeMap<Double, Series.Point> points = new TreeMap<>();
            for (double ratio : byRatio.keySet()) {
                (drop ? drop(fraction, ratio, eval, metric) : point(fraction, ratio, eval, metric))
                        .ifPresent(p -> points.put(ratio, p));
            }
            series.add(new Series(String.format(Locale.ROOT, "%.0f%% of the images", 100 * fraction), points));
        });
        return series;
    }

    private Optional<Series.Point> point(double fraction, double ratio, String eval, String metric) {
        return Series.of("", grid.getOrDefault(fraction, new TreeMap<>()).getOrDefault(ratio, List.of()), c -> 0,
                CompressionView.metric(eval, metric)).at(0);
    }

    /** The paired drop of a metric from ratio 0 to {@code ratio} (a rise of an error counts as a drop), over seeds. */
    private Optional<Series.Point> drop(double fraction, double ratio, String eval, String metric) {
        Map<Double, List<CellResult>> byRatio = grid.getOrDefault(fraction, new TreeMap<>());
        List<Double> drops = new ArrayList<>();
        for (CellResult pruned : byRatio.getOrDefault(ratio, List.of())) {
            for (CellResult base : byRatio.getOrDefault(0.0, List.of())) {
                double before = CompressionView.metric(eval, metric).applyAsDouble(base);
                double after = CompressionView.metric(eval, metric).applyAsDouble(pruned);
                if (base.spec().seed() == pruned.spec().seed() && pruned.status() == CellResult.Status.DONE
                        && Double.isFinite(before) && Double.isFinite(after)) {
                    drops.add(CompressionClaims.lowerIsBetter(metric) ? after - before : before - after);
                }
            }
        }
        return drops.isEmpty() ? Optional.empty() : Optional.of(Series.point(drops));
    }

    private TreeSet<Double> prunedRatios() {
        TreeSet<Double> ratios = new TreeSet<>();
        grid.values().forEach(byRatio -> byRatio.keySet().stream().filter(r -> r > 0).forEach(ratios::add));
        return ratios;
    }

    private void appendDrops(String eval, StringBuilder md) {
        TreeSet<Double> ratios = prunedRatios();
        md.append("### ").append(eval).append(": AJI at ratio 0, and its drop at each ratio\n\n| images | AJI (ratio 0) |");
        ratios.forEach(r -> md.append(String.format(Locale.ROOT, " drop at %.0f%% |", 100 * r)));
        md.append("\n|---|---|").append("---|".repeat(ratios.size())).append('\n');
        grid.forEach((fraction, byRatio) -> {
            md.append(String.format(Locale.ROOT, "| %.0f%% (%s) | %s |", 100 * fraction, images(fraction),
                    point(fraction, 0, eval, "aji").map(CompressionClaims::format).orElse("")));
            for (double ratio : ratios) {
                md.append(' ').append(drop(fraction, ratio, eval, "aji").map(SampleSizeReport::signed).orElse(""))
                        .append(" |");
            }
            md.append('\n');
        });
        md.append('\n');
    }

    private String images(double fraction) {
        return grid.get(fraction).values().stream().flatMap(List::stream)
                .map(c -> c.facts().get(CellRunner.TRAINING_IMAGES)).filter(v -> v != null).findFirst()
                .map(v -> String.format(Locale.ROOT, "%.0f images", v)).orElse("? images");
    }

    private static String signed(Series.Point point) {
        return point.n() > 1 ? String.format(Locale.ROOT, "%+.3f+-%.3f (n=%d)", point.mean(), point.sd(), point.n())
                : String.format(Locale.ROOT, "%+.3f", point.mean());
    }

    private void appendClaims(StringBuilder md) {
        md.append("### The L1 filter-pruning paper's question on our data\n\n")
                .append("The paper (H&E cell segmentation, L1 filter pruning against training-sample size): pruning")
                .append(" up to 30-40 % performs comparably to the unpruned network, and strongly pruned networks")
                .append(" lose more as the training set shrinks, i.e. a smaller training set tolerates less")
                .append(" pruning. Here: the paired drop of AJI, PQ and Dice at each ratio on the smallest subset")
                .append(" against the largest; a comparison is clear when the +-1 SD bands over seeds do not")
                .append(" overlap; a claim holds when most comparisons are clear wins, does not hold when clear")
                .append(" losses outnumber clear wins, within noise otherwise.\n\n")
                .append("| claim | set | ours | verdict |\n|---|---|---|---|\n");
        if (grid.size() < 2) {
            md.append("| a smaller training set tolerates less pruning | all | needs two subsets | n/a |\n\n");
            return;
        }
        double smallest = grid.firstKey();
        double largest = grid.lastKey();
        for (String eval : evals) {
            int larger = 0;
            int smaller = 0;
            int total = 0;
            List<String> numbers = new ArrayList<>();
            for (double ratio : prunedRatios()) {
                for (String metric : METRICS) {
                    Optional<Series.Point> small = drop(smallest, ratio, eval, metric);
                    Optional<Series.Point> large = drop(largest, ratio, eval, metric);
                    if (small.isEmpty() || large.isEmpty()) {
                        continue;
                    }
                    total++;
                    double difference = small.get().mean() - large.get().mean();
                    boolean clear = Math.abs(difference) > small.get().sd() + large.get().sd();
                    larger += clear && difference > 0 ? 1 : 0;
                    smaller += clear && difference < 0 ? 1 : 0;
                    if (metric.equals("aji")) {
                        numbers.add(String.format(Locale.ROOT, "%.0f%%: AJI drop %s vs %s", 100 * ratio,
                                signed(small.get()), signed(large.get())));
                    }
                }
            }
            md.append(String.format(Locale.ROOT, "| a smaller training set tolerates less pruning (%.0f%% vs %.0f%%"
                    + " of the images) | %s | larger drop on the smaller set clearly in %d, clearly smaller in %d of"
                    + " %d (ratio, metric) pairs; %s | %s |%n", 100 * smallest, 100 * largest, eval, larger, smaller,
                    total, String.join("; ", numbers), CompressionClaims.Verdict.of(larger, smaller, total)));
            for (double fraction : grid.keySet()) {
                double comparable = comparableUpTo(fraction, eval);
                md.append(String.format(Locale.ROOT, "| pruning up to 30-40%% comparable to unpruned (%.0f%% of the"
                        + " images) | %s | AJI, PQ and Dice within 2%% (or the spread) up to %.0f%% of the filters"
                        + " | %s |%n", 100 * fraction, eval, 100 * comparable, comparable >= PAPER_COMPARABLE_RATIO
                        ? CompressionClaims.Verdict.HOLDS : CompressionClaims.Verdict.DOES_NOT_HOLD));
            }
        }
        md.append('\n');
    }

    /** The largest ratio up to which every ratio keeps AJI, PQ and Dice within 2 % of ratio 0 or within the spread. */
    private double comparableUpTo(double fraction, String eval) {
        double comparable = 0;
        for (double ratio : grid.get(fraction).keySet()) {
            if (ratio == 0) {
                continue;
            }
            for (String metric : METRICS) {
                Optional<Series.Point> base = point(fraction, 0, eval, metric);
                Optional<Series.Point> pruned = point(fraction, ratio, eval, metric);
                if (base.isEmpty() || pruned.isEmpty()
                        || !CompressionClaims.comparable(metric, base.get(), pruned.get())) {
                    return comparable;
                }
            }
            comparable = ratio;
        }
        return comparable;
    }
}
