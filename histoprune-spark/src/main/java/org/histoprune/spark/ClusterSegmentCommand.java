package org.histoprune.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.histoprune.cli.BlockOptions;
import org.histoprune.cli.InstanceOptions;
import org.histoprune.cli.Main;
import org.histoprune.cli.ThreadOptions;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.NucleiModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment}: the nuclei of many slides, block tasks on Spark, into one Parquet table. */
@Command(name = "segment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Segment the nuclei of many slides on Spark: each slide block is a task (the block rule of the "
                + "single-machine segment, so nuclei on block borders are written once).",
            "--input is a folder of images or a text file of slide paths (one per line, optionally followed by a "
                + "region X,Y,W,H); every worker must see the paths and --out.",
            "Writes OUT/nuclei/ (Parquet, partitioned by slide), OUT/<slide>/nuclei.geojson and OUT/status.csv; a "
                + "slide that cannot be read fails alone (exit code 2 when any did)."})
final class ClusterSegmentCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--input", required = true, paramLabel = "DIR|LIST", description = "Folder of slides or list file.")
    private Path input;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output folder (shared storage).")
    private Path out;

    @Option(names = "--model", paramLabel = "M", description = "Model file (default: the bundled MoNuSeg model).")
    private Path modelFile;

    @Option(names = "--level", defaultValue = "0", description = "Pyramid level to segment (default: ${DEFAULT-VALUE}).")
    private int level;

    @Option(names = "--progress-seconds", defaultValue = "2", hidden = true)
    private double progressSeconds;

    @Mixin
    private BlockOptions blockOptions;

    @Mixin
    private ThreadOptions engine;

    @Mixin
    private InstanceOptions instanceOptions;

    @Override
    public Integer call() throws IOException {
        engine.configureEngine();
        var blocks = blockOptions.blocks(spec);
        var parameters = instanceOptions.toParameters(spec);
        List<SlideList.Entry> slides = SlideList.read(input);
        Files.createDirectories(out);
        Path model = model();
        var tiling = blockOptions.tiling(spec, NucleiModel.architectureOf(model));
        PrintWriter printer = spec.commandLine().getOut();
        JobProgress progress = new JobProgress(spec.commandLine().getErr(), "blocks",
                Math.round(progressSeconds * 1000));
        CohortSegmentation.Summary summary;
        long start = System.nanoTime();
        try (SparkSession spark = cluster.session("histoprune segment", engine.threads(), Map.of())) {
            spark.sparkContext().addSparkListener(progress);
            spark.sparkContext().addFile(model.toString());
            SegmentSettings settings = SegmentSettings.of(model.getFileName().toString(), level, blocks, tiling,
                    parameters);
            summary = new CohortSegmentation(spark, progress).run(slides, settings, out);
        } finally {
            if (cluster.embedded()) {
                ExecutorModels.closeAll();
            }
            if (modelFile == null) {
                Files.deleteIfExists(model);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (CohortSegmentation.SlideStatus slide : summary.slides()) {
            printer.printf(Locale.ROOT, "%s: %s%n", slide.slide(), slide.ok() ? slide.nuclei() + " nuclei"
                    : "FAILED " + slide.reason());
        }
        printer.printf(Locale.ROOT, "%d slides, %d nuclei, %d block tasks (%d re-run) in %.1f s -> %s%n",
                summary.slides().size(), summary.nuclei(), summary.blocks(), progress.failedAttempts(), seconds,
                out.resolve(CohortSegmentation.STATUS));
        if (summary.failed() > 0) {
            spec.commandLine().getErr().printf(Locale.ROOT, "error: %d of %d slides failed (see %s)%n",
                    summary.failed(), summary.slides().size(), out.resolve(CohortSegmentation.STATUS));
            return Main.EXIT_BAD_INPUT;
        }
        return 0;
    }

    /** The model file to ship: --model, or the bundled model copied next to the outputs for the run. */
    private Path model() throws IOException {
        if (modelFile != null) {
            if (!Files.isRegularFile(modelFile)) {
                throw new InvalidInputException(modelFile, "no such model file");
            }
            return modelFile.toAbsolutePath();
        }
        Path copy = out.toAbsolutePath().resolve(".bundled-model.hpm");
        if (!NucleiModel.copyBundled(copy)) {
            throw new InvalidInputException("this build has no bundled model; give one with --model");
        }
        return copy;
    }
}
