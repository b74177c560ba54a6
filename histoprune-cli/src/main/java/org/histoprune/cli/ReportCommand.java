package org.histoprune.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.histoprune.experiment.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the CSV, charts (PNG + SVG) and Markdown summary of a sweep's results folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Report a sweep: cells.csv, Figure 2/3-style charts, speedup, inference time, parameters,",
            "file size (PNG and SVG) and summary.md checking the seed paper's claims."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--results", required = true, description = "Results folder of a sweep.")
    private Path results;

    @Option(names = "--out", required = true, description = "Folder for the report.")
    private Path out;

    @Option(names = "--primary", description = "The in-distribution evaluation set (default: the first named *test*).")
    private String primary;

    @Override
    public Integer call() throws Exception {
        List<Path> files = ReportWriter.write(results, out, primary);
        files.forEach(f -> spec.commandLine().getOut().println(f));
        return 0;
    }
}
