package org.histoprune.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.histoprune.io.InvalidInputException;
import org.jfree.chart.JFreeChart;

/**
 * Turns a results folder into a report: {@code cells.csv}; for the compression study one Figure 2-style
 * figure per evaluation set (Dice, MSE, AJI, PQ against CR, mean and band over seeds), the Fig. 3 analogue (the
 * sets side by side), the Fig. 4 analogue (example predictions), the theoretical speedup, measured inference time,
 * parameters and file size against CR, and {@code summary.md} (Table 1 analogue and the paper's claims);
 * for the other studies {@link FilterImportanceReport} and {@link SampleSizeReport}, each with its own
 * {@code cells.csv}. A results folder holds one study. Charts come as PNG and SVG.
 */
public final class ReportWriter {
    /** The seed paper's Table 1 (ResNet-34 U-Net), CR 2..512. */
    static final Map<String, double[]> PAPER_SPEEDUP = Map.of(
            CompressionView.GLOBAL, new double[] {1.49, 2.13, 3.07, 4.46, 6.59, 9.90, 15.01, 23.80, 45.02},
            CompressionView.LAYERWISE, new double[] {1.99, 3.99, 7.97, 15.89, 31.57, 62.27, 121.18});

    private ReportWriter() {
    }

    /** Writes the report of every cell in {@code results} to {@code out}; returns the files written. */
    public static List<Path> write(Path results, Path out, String primaryEval) throws IOException {
        List<CellResult> cells = ResultStore.existing(results).all();
        if (cells.isEmpty()) {
            throw new InvalidInputException(results, "no finished cells yet");
        }
        java.util.Set<CellSpec.Study> studies = java.util.EnumSet.noneOf(CellSpec.Study.class);
        cells.forEach(c -> studies.add(c.spec().study()));
        if (studies.size() > 1) {
            throw new InvalidInputException(results, "holds cells of several studies " + studies
                    + ": give each study its own results folder");
        }
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        StringBuilder summary = new StringBuilder("# HistoPrune sweep report\n\n")
                .append(String.format(Locale.ROOT, "%d cells from `%s`.%n%n", cells.size(), results));
        switch (studies.iterator().next()) {
            case FILTER_IMPORTANCE -> written.addAll(FilterImportanceReport.write(cells, out, summary));
            case SAMPLE_SIZE -> written.addAll(SampleSizeReport.write(cells, out, summary));
            case COMPRESSION -> {
                CellTable.write(cells, out.resolve("cells.csv"));
                written.add(out.resolve("cells.csv"));
                CompressionView view = new CompressionView(cells);
                written.addAll(compression(view, view.primary(primaryEval), out, summary));
                written.addAll(examples(ResultStore.existing(results), view, view.primary(primaryEval), out,
                        summary));
            }
        }
        org.histoprune.io.AtomicFiles.writeString(out.resolve("summary.md"), summary.toString());
        written.add(out.resolve("summary.md"));
        return written;
    }

    private static List<Path> compression(CompressionView view, String primary, Path out, StringBuilder md)
            throws IOException {
        List<Path> written = new ArrayList<>();
        for (String eval : view.evals()) {
            List<JFreeChart> panels = new ArrayList<>();
            for (String metric : CompressionView.FIGURE_METRICS) {
                panels.add(panel(metric, eval, view.series(CompressionView.metric(eval, metric))));
            }
            written.addAll(chart(panels, 2, out, "figure-" + eval));
        }
        if (view.evals().size() > 1) {
            written.addAll(shiftFigure(view, primary, out));
        }
        written.addAll(chart(List.of(Charts.chart("Theoretical speedup", "compression ratio", 2, "dense FLOPs / FLOPs",
                view.series(c -> c.cost().speedup()))), 1, out, "speedup"));
        written.addAll(chart(List.of(Charts.chart("Measured inference time", "compression ratio", 2,
                "seconds per image", view.series(c -> c.cost().inferenceSeconds()))), 1, out, "inference-time"));
        written.addAll(chart(List.of(Charts.chart("Parameters", "compression ratio", 2, "non-zero parameters",
                view.series(c -> c.cost().parameters()))), 1, out, "parameters"));
        written.addAll(chart(List.of(Charts.chart("Model file size", "compression ratio", 2, "MB",
                view.series(c -> c.cost().fileBytes() / 1e6))), 1, out, "file-size"));
        md.append("## Compression sweep\n\n").append("Evaluation sets: ").append(String.join(", ", view.evals()))
                .append(" (in-distribution: ").append(primary).append("). Charts: the mean over seeds, the band from")
                .append(" the smallest to the largest seed. Dice comes from the pruned segmentation branch, MSE from")
                .append(" the pruned regression branch, AJI and PQ from both (a line without a branch name merges the")
                .append(" two branches pruned to the same CR).\n\n");
        appendSpeedupTable(view, md);
        CompressionClaims claims = new CompressionClaims(view, primary);
        md.append("### The paper's claims on our data\n\nTwo means differ clearly when their +-1 SD bands over seeds do")
                .append(" not overlap; a claim holds when most of its comparisons are clear wins, does not hold when")
                .append(" clear losses outnumber clear wins, and is within noise otherwise.\n\n")
                .append("| claim | paper | ours | verdict |\n|---|---|---|---|\n");
        for (CompressionClaims.Claim claim : claims.claims()) {
            md.append("| ").append(claim.claim()).append(" | ").append(claim.paper()).append(" | ")
                    .append(claim.ours()).append(" | ").append(claim.verdict()).append(" |\n");
        }
        md.append("\n### Largest CR with < 2% drop against the dense model\n\n| set | metric | ")
                .append(String.join(" | ", view.lineNames())).append(" |\n|---|---|")
                .append("---|".repeat(view.lineNames().size())).append('\n');
        for (String eval : view.evals()) {
            for (String metric : CompressionView.FIGURE_METRICS) {
                md.append("| ").append(eval).append(" | ").append(metric).append(" |");
                for (String line : view.lineNames()) {
                    md.append(' ').append(claims.largestSafeCr(line, eval, metric).map(String::valueOf).orElse("< 2"))
                            .append(" |");
                }
                md.append('\n');
            }
        }
        md.append('\n');
        return written;
    }

    /** One figure panel; its title names the branch the metric describes. */
    private static JFreeChart panel(String metric, String eval, List<Series> series) {
        boolean error = CompressionClaims.lowerIsBetter(metric);
        return Charts.chart(metric.toUpperCase(Locale.ROOT) + " (" + CompressionView.branchOf(metric) + ", " + eval
                + ")", "compression ratio", 2, error ? metric + " (log scale)" : metric, series, error);
    }

    /** The paper's Fig. 3 analogue: every line on the in-distribution set and on each shifted set, per metric. */
    private static List<Path> shiftFigure(CompressionView view, String primary, Path out) throws IOException {
        List<String> sets = new ArrayList<>(List.of(primary));
        view.evals().stream().filter(e -> !e.equals(primary)).forEach(sets::add);
        List<JFreeChart> panels = new ArrayList<>();
        for (String metric : CompressionView.FIGURE_METRICS) {
            List<Series> series = new ArrayList<>();
            for (String eval : sets) {
                view.series(CompressionView.metric(eval, metric))
                        .forEach(line -> series.add(new Series(line.name() + " / " + eval, line.points())));
            }
            panels.add(panel(metric, String.join(" vs ", sets), series));
        }
        return chart(panels, 2, out, "figure-shift");
    }

    /** The paper's Fig. 4 analogue for the layer-wise line (or the first line), or a note why it is missing. */
    private static List<Path> examples(ResultStore store, CompressionView view, String primary, Path out,
            StringBuilder md) throws IOException {
        if (view.lineNames().isEmpty()) {
            return List.of();
        }
        String line = view.lineNames().contains(CompressionView.LAYERWISE) ? CompressionView.LAYERWISE
                : view.lineNames().get(0);
        List<String> sets = new ArrayList<>(List.of(primary));
        view.evals().stream().filter(e -> !e.equals(primary)).findFirst().ifPresent(sets::add);
        Optional<String> skipped = ExampleFigure.write(store, view, line, sets, out, "figure-examples");
        md.append("### Examples (Fig. 4 analogue)\n\n");
        if (skipped.isPresent()) {
            md.append("Not drawn: ").append(skipped.get()).append(".\n\n");
            return List.of();
        }
        md.append("`figure-examples.png`: the first image of ").append(String.join(" and ", sets))
                .append(" (centre crop), ground truth and the ").append(line)
                .append(" line's instances at each CR (first seed).\n\n");
        return List.of(out.resolve("figure-examples.png"));
    }

    private static void appendSpeedupTable(CompressionView view, StringBuilder md) {
        List<Integer> crs = view.allCrs();
        md.append("### Theoretical speedup (Table 1 analogue: dense FLOPs / remaining FLOPs)\n\n| strategy | ")
                .append(String.join(" | ", crs.stream().map(String::valueOf).toList())).append(" |\n|---|")
                .append("---|".repeat(crs.size())).append('\n');
        for (String line : view.lineNames()) {
            md.append("| ").append(line).append(" |");
            for (int cr : crs) {
                Optional<Series.Point> point = view.series(c -> c.cost().speedup()).stream()
                        .filter(s -> s.name().equals(line)).findFirst().flatMap(s -> s.at(cr));
                md.append(' ').append(point.map(p -> String.format(Locale.ROOT, "%.2f", p.mean()))
                        .orElse(view.infeasible(line, cr) ? "impossible" : "")).append(" |");
            }
            md.append('\n');
            double[] paper = PAPER_SPEEDUP.get(line);
            if (paper != null) {
                md.append("| ").append(line).append(" (paper) |");
                for (int cr : crs) {
                    int index = Integer.numberOfTrailingZeros(cr) - 1;
                    md.append(' ').append(Integer.bitCount(cr) == 1 && index >= 0 && index < paper.length
                            ? String.format(Locale.ROOT, "%.2f", paper[index]) : "").append(" |");
                }
                md.append('\n');
            }
        }
        md.append('\n');
    }

    static List<Path> chart(List<JFreeChart> panels, int columns, Path out, String stem) throws IOException {
        Charts.write(panels, columns, out, stem);
        return List.of(out.resolve(stem + ".png"), out.resolve(stem + ".svg"));
    }
}
