package org.histoprune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.histoprune.nn.Benchmarks;
import org.histoprune.nn.UNetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    private WidthSweepOptions sweep;

    @Option(names = "--steps", defaultValue = "5", description = "Timed steps per width (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--batch", defaultValue = "2", description = "Crops per step (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Mixin
    private CropOption crop;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || warmup < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--steps and --warmup must be >= 1");
        }
        sweep.engine.configureEngine();
        Path work = Files.createTempDirectory("histoprune-bench");
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode rows = mapper.createArrayNode();
        PrintWriter out = spec.commandLine().getOut();
        try {
            for (int base : sweep.bases) {
                Benchmarks.TrainingTiming t = Benchmarks.training(UNetConfig.defaults().withBase(base), batch, crop.side(),
                        warmup, steps, work);
                ObjectNode row = rows.addObject();
                row.put("base", base).put("depth", t.unet().depth()).put("batch", batch).put("crop", crop.side())
                        .put("steps", steps).put("seconds_per_step", t.secondsPerStep())
                        .put("seconds_per_branch_step", t.secondsPerStep() / 2)
                        .put("gflop_per_step", t.gflopsPerStep()).put("gflops", t.gflopsPerSecond());
                if (!sweep.json) {
                    out.printf(Locale.ROOT, "base %2d: %.3f s/step (both branches), %.1f GFLOP/step, %.1f GFLOP/s%n",
                            base, t.secondsPerStep(), t.gflopsPerStep(), t.gflopsPerSecond());
                    out.flush();
                }
            }
        } finally {
            Files.deleteIfExists(work);
        }
        if (sweep.json) {
            ObjectNode root = mapper.createObjectNode();
            root.put("threads", sweep.engine.threads());
            root.set("train", rows);
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            out.flush();
        }
        return 0;
    }
}
