package org.histoprune.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.histoprune.cli.BlockOptions;
import org.histoprune.cli.InstanceOptions;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.SlideSegmenter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench cluster}: cohort segmentation throughput embedded against a local standalone cluster. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks of the Spark jobs.",
        subcommands = {CommandLine.HelpCommand.class, ClusterBenchCommand.Cluster.class})
final class ClusterBenchCommand {
    @Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Segments the same slides on local[N] and on a standalone cluster of N one-core workers "
                    + "started on 127.0.0.1: megapixels per second (the whole job: plan, blocks, writing), the mean "
                    + "task time, and the overhead per task (a job of as many empty tasks, per task).",
                "Each executor runs PyTorch with one thread, so both modes use N cores."})
    static final class Cluster implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--input", required = true, paramLabel = "DIR|LIST", description = "Slides, as for segment.")
        private Path input;

        @Option(names = "--cores", defaultValue = "2", description = "N: local[N] against N one-core workers "
                + "(default: ${DEFAULT-VALUE}).")
        private int cores;

        @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder (default: a temporary one).")
        private Path work;

        @Option(names = "--json", description = "Print JSON.")
        private boolean json;

        @Mixin
        private BlockOptions blockOptions;

        @Mixin
        private InstanceOptions instanceOptions;

        @Override
        public Integer call() throws Exception {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            List<SlideList.Entry> slides = SlideList.read(input);
            Path scratch = work != null ? work : Files.createTempDirectory("histoprune-bench-cluster");
            Path model = scratch.resolve("model.hpm");
            if (!NucleiModel.copyBundled(model)) {
                throw new org.histoprune.io.InvalidInputException("this build has no bundled model");
            }
            SegmentSettings settings = SegmentSettings.of(model.getFileName().toString(), 0,
                    blockOptions.blocks(spec), blockOptions.tiling(spec, NucleiModel.architectureOf(model)),
                    instanceOptions.toParameters(spec));
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode report = mapper.createObjectNode();
            report.put("input", input.toString());
            report.put("slides", slides.size());
            report.put("block", settings.block());
            report.put("cores", cores);
            ObjectNode local = measure("local[" + cores + "]", Map.of(), slides, settings, model,
                    scratch.resolve("local"));
            report.set("local", local);
            LocalCluster cluster = LocalCluster.start(scratch.resolve("cluster"), cores, 1, "3g", null,
                    LocalCluster.ownClasspath());
            try {
                ObjectNode remote = measure(cluster.masterUrl(), Map.of("spark.driver.host", "127.0.0.1",
                        "spark.executor.memory", "2g", "spark.authenticate", "true", "spark.authenticate.secret",
                        Files.readString(cluster.secretFile()).strip(), "spark.network.crypto.enabled", "true"),
                        slides, settings, model, scratch.resolve("cluster-out"));
                remote.put("workers", cores);
                report.set("cluster", remote);
                report.put("cluster_over_local", remote.get("megapixels_per_second").asDouble()
                        / local.get("megapixels_per_second").asDouble());
            } finally {
                cluster.stop();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(mapper.writeValueAsString(report));
            } else {
                for (String mode : List.of("local", "cluster")) {
                    ObjectNode m = (ObjectNode) report.get(mode);
                    out.printf(Locale.ROOT, "%-8s %s: %.3f MP/s (%d blocks, %.1f s; mean task %.2f s; overhead "
                            + "%.0f ms/task)%n", mode, m.get("master").asText(), m.get("megapixels_per_second")
                            .asDouble(), m.get("blocks").asInt(), m.get("seconds").asDouble(),
                            m.get("mean_task_seconds").asDouble(), m.get("overhead_per_task_ms").asDouble());
                }
            }
            return 0;
        }

        private ObjectNode measure(String master, Map<String, String> conf, List<SlideList.Entry> slides,
                SegmentSettings settings, Path model, Path out) throws IOException {
            ObjectNode m = new ObjectMapper().createObjectNode();
            m.put("master", master);
            long started = System.nanoTime();
            SparkSession.Builder builder = SparkSession.builder().master(master).appName("histoprune bench cluster")
                    .config("spark.ui.enabled", "false").config("spark.executor.extraJavaOptions",
                            "-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1");
            conf.forEach(builder::config);
            try (SparkSession spark = builder.getOrCreate()) {
                JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                // the executors start, load PyTorch and the model before the timed job
                sc.addFile(model.toString());
                sc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8).foreach(i -> ExecutorModels.get(settings.modelFile()));
                m.put("startup_seconds", (System.nanoTime() - started) / 1e9);
                JobProgress progress = new JobProgress(new PrintWriter(PrintWriter.nullWriter()), "blocks", 60_000);
                spark.sparkContext().addSparkListener(progress);
                long start = System.nanoTime();
                CohortSegmentation.Summary summary = new CohortSegmentation(spark, progress).run(slides, settings, out);
                double seconds = (System.nanoTime() - start) / 1e9;
                m.put("blocks", summary.blocks());
                m.put("nuclei", summary.nuclei());
                m.put("megapixels", summary.pixels() / 1e6);
                m.put("seconds", seconds);
                m.put("megapixels_per_second", summary.pixels() / 1e6 / seconds);
                m.put("mean_task_seconds", progress.meanTaskSeconds()); // every stage: plan, block, write
                int tasks = Math.max(summary.blocks(), 8);
                long empty = System.nanoTime();
                sc.parallelize(new ArrayList<>(Arrays.asList(new Integer[tasks])), tasks).foreach(i -> { });
                m.put("overhead_per_task_ms", (System.nanoTime() - empty) / 1e6 / tasks);
            } finally {
                if (master.startsWith("local")) {
                    ExecutorModels.closeAll();
                }
            }
            return m;
        }
    }
}
