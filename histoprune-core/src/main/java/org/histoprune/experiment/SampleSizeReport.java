package org.histoprune.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;

/**
 * The sample-size study's report: per evaluation set one figure (accuracy, sensitivity, specificity, Dice,
 * cross-entropy against r on a log axis, one line per filter ratio) and a Markdown section with the accuracy
 * grid and the L1 filter-pruning paper's observations checked on our cells.
 */
final class SampleSizeReport {
    static final List<String> METRICS = List.of("accuracy", "sensitivity", "specificity", "dice", "cross_entropy");

    private SampleSizeReport() {
    }

    static List<Path> write(List<CellResult> cells, Path out, StringBuilder md) throws IOException {
        TreeSet<String> evals = new TreeSet<>();
        TreeMap<Double, List<CellResult>> byRatio = new TreeMap<>();
        for (CellResult cell : cells) {
            evals.addAll(cell.metrics().keySet());
            byRatio.computeIfAbsent(cell.spec().filterRatio(), k -> new ArrayList<>()).add(cell);
        }
        List<Path> written = new ArrayList<>();
        md.append("## Sample-size study (L1 filter pruning ratio x training-set size)\n\n");
        for (String eval : evals) {
            List<JFreeChart> panels = new ArrayList<>();
            for (String metric : METRICS) {
                panels.add(Charts.chart(metric + " (" + eval + ")", "r (labelled pixels / trainable parameters)", 10,
                        metric, series(byRatio, eval, metric)));
            }
            written.addAll(ReportWriter.chart(panels, 3, out, "sample-size-" + eval));
            appendGrid(byRatio, eval, md);
            appendClaims(byRatio, eval, md);
        }
        return written;
    }

    private static List<Series> series(TreeMap<Double, List<CellResult>> byRatio, String eval, String metric) {
        List<Series> series = new ArrayList<>();
        byRatio.forEach((ratio, list) -> series.add(Series.of(String.format(Locale.ROOT, "pruned %.0f%%", 100 * ratio),
                list, c -> c.spec().sampleRatio(), CompressionView.metric(eval, metric))));
        return series;
    }

    private static Optional<Double> mean(TreeMap<Double, List<CellResult>> byRatio, double ratio, double r,
            String eval, String metric) {
        return Series.of("", byRatio.getOrDefault(ratio, List.of()), c -> c.spec().sampleRatio(),
                CompressionView.metric(eval, metric)).at(r).map(Series.Point::mean);
    }

    private static void appendGrid(TreeMap<Double, List<CellResult>> byRatio, String eval, StringBuilder md) {
        TreeSet<Double> rs = rs(byRatio);
        md.append("### Accuracy on ").append(eval).append(" (rows: filter ratio, columns: r)\n\n| ratio |");
        rs.forEach(r -> md.append(' ').append(CellTable.number(r)).append(" |"));
        md.append("\n|---|").append("---|".repeat(rs.size())).append('\n');
        for (double ratio : byRatio.keySet()) {
            md.append(String.format(Locale.ROOT, "| %.1f |", ratio));
            for (double r : rs) {
                md.append(' ').append(mean(byRatio, ratio, r, eval, "accuracy")
                        .map(v -> String.format(Locale.ROOT, "%.3f", v)).orElse("")).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void appendClaims(TreeMap<Double, List<CellResult>> byRatio, String eval, StringBuilder md) {
        TreeSet<Double> rs = rs(byRatio);
        if (rs.size() < 2 || byRatio.size() < 2 || !byRatio.containsKey(0.0)) {
            md.append("(claims need ratio 0 and at least two ratios and two r values)\n\n");
            return;
        }
        double most = rs.last();
        double least = rs.first();
        double strongest = byRatio.lastKey();
        md.append("| observation (L1 filter-pruning paper) | ours | holds |\n|---|---|---|\n");
        double comparable = 0;
        for (double ratio : byRatio.keySet()) {
            boolean close = true;
            for (String metric : List.of("accuracy", "dice")) {
                Optional<Double> dense = mean(byRatio, 0.0, most, eval, metric);
                Optional<Double> pruned = mean(byRatio, ratio, most, eval, metric);
                close &= dense.isPresent() && pruned.isPresent()
                        && CompressionClaims.drop(metric, dense.get(), pruned.get()) < CompressionClaims.TOLERATED_DROP;
            }
            if (!close) {
                break;
            }
            comparable = ratio;
        }
        md.append(String.format(Locale.ROOT, "| pruning up to 30-40%% comparable to the unpruned net (r = %s) |"
                + " accuracy and Dice within 2%% up to ratio %.1f | %s |%n", CellTable.number(most), comparable,
                comparable >= 0.3 ? "yes" : "no"));
        double denseLoss = loss(byRatio, 0.0, most, least, eval, "accuracy");
        double prunedLoss = loss(byRatio, strongest, most, least, eval, "accuracy");
        md.append(String.format(Locale.ROOT, "| fewer samples hurt strongly pruned nets more | accuracy drop r %s -> %s:"
                + " %.1f%% unpruned, %.1f%% at ratio %.1f | %s |%n", CellTable.number(most), CellTable.number(least),
                100 * denseLoss, 100 * prunedLoss, strongest, verdict(prunedLoss > denseLoss, denseLoss, prunedLoss)));
        double sensitive = (average(byRatio, most, least, eval, "sensitivity")
                + average(byRatio, most, least, eval, "cross_entropy")) / 2;
        double robust = (average(byRatio, most, least, eval, "specificity")
                + average(byRatio, most, least, eval, "accuracy")) / 2;
        md.append(String.format(Locale.ROOT, "| sensitivity and cross-entropy react more than specificity and accuracy"
                + " | mean relative loss %.1f%% vs %.1f%% | %s |%n%n", 100 * sensitive, 100 * robust,
                verdict(sensitive > robust, sensitive, robust)));
    }

    private static String verdict(boolean holds, double a, double b) {
        return Double.isFinite(a) && Double.isFinite(b) ? holds ? "yes" : "no" : "n/a";
    }

    /** Relative loss of a metric when the training set shrinks from r = {@code most} to {@code least}. */
    private static double loss(TreeMap<Double, List<CellResult>> byRatio, double ratio, double most, double least,
            String eval, String metric) {
        Optional<Double> full = mean(byRatio, ratio, most, eval, metric);
        Optional<Double> small = mean(byRatio, ratio, least, eval, metric);
        return full.isPresent() && small.isPresent() ? CompressionClaims.drop(metric, full.get(), small.get())
                : Double.NaN;
    }

    private static double average(TreeMap<Double, List<CellResult>> byRatio, double most, double least, String eval,
            String metric) {
        return byRatio.keySet().stream().mapToDouble(ratio -> loss(byRatio, ratio, most, least, eval, metric))
                .filter(Double::isFinite).average().orElse(Double.NaN);
    }

    private static TreeSet<Double> rs(TreeMap<Double, List<CellResult>> byRatio) {
        TreeSet<Double> rs = new TreeSet<>();
        byRatio.values().forEach(list -> list.forEach(c -> rs.add(c.spec().sampleRatio())));
        return rs;
    }
}
