package org.histoprune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.histoprune.nn.Benchmarks;
import org.histoprune.nn.UNetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench train}: seconds per training step (both branches, augmentation included) per base width. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Time training steps of the U-Net pair (Adam, both branches, augmented synthetic crops) "
                + "for several base widths, after untimed warm-up steps.")
final class BenchTrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    private boolean json;

    @Option(names = "--bases", split = ",", defaultValue = "8,16,32", description = "Base widths (default: ${DEFAULT-VALUE}).")
    private List<Integer> bases;

    @Option(names = "--steps", defaultValue = "5", description = "Timed steps per width (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--batch", defaultValue = "2", description = "Crops per step (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--crop", defaultValue = "256", description = "Crop side (default: ${DEFAULT-VALUE}).")
    private int crop;

    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || warmup < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--steps and --warmup must be >= 1");
        }
        Engines.configureThreads(threads);
        Path work = Files.createTempDirectory("histoprune-bench");
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode rows = mapper.createArrayNode();
        PrintWriter out = spec.commandLine().getOut();
        try {
            for (int base : bases) {
                Benchmarks.TrainingTiming t = Benchmarks.training(UNetConfig.defaults().withBase(base), batch, crop,
                        warmup, steps, work);
                ObjectNode row = rows.addObject();
                row.put("base", base).put("depth", t.unet().depth()).put("batch", batch).put("crop", crop)
                        .put("steps", steps).put("seconds_per_step", t.secondsPerStep())
                        .put("seconds_per_branch_step", t.secondsPerStep() / 2)
                        .put("gflop_per_step", t.gflopsPerStep()).put("gflops", t.gflopsPerSecond());
                if (!json) {
                    out.printf(Locale.ROOT, "base %2d: %.3f s/step (both branches), %.1f GFLOP/step, %.1f GFLOP/s%n",
                            base, t.secondsPerStep(), t.gflopsPerStep(), t.gflopsPerSecond());
                    out.flush();
                }
            }
        } finally {
            Files.deleteIfExists(work);
        }
        if (json) {
            ObjectNode root = mapper.createObjectNode();
            root.put("threads", threads);
            root.set("train", rows);
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            out.flush();
        }
        return 0;
    }
}
