package org.histoprune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.RasterFiles;
import org.histoprune.segment.InstanceParameters;
import org.histoprune.segment.InstancePipeline;
import org.histoprune.segment.TargetMaps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench postprocess}: how long the merge step takes on the MoNuSeg test label maps. */
@Command(name = "postprocess", mixinStandardHelpOptions = true,
        description = "Time the merge step (maps to instances, default settings) on the MoNuSeg test label maps, "
                + "using their own target maps as input, after one untimed warm-up round.")
final class BenchPostprocessCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    private boolean json;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data/monuseg",
            description = "MoNuSeg folder holding test/labels/*.png (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Timed passes over all images (default: ${DEFAULT-VALUE}).")
    private int rounds;

    /** The two maps of one label image. */
    private record Input(FloatMap foreground, FloatMap distance) {
    }

    @Override
    public Integer call() throws IOException {
        if (rounds < 1) {
            throw new InvalidInputException("--rounds must be at least 1, got " + rounds);
        }
        List<Input> inputs = inputs(data.resolve("test").resolve("labels"));
        InstancePipeline pipeline = new InstancePipeline(InstanceParameters.defaults());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long instances = 0;
        for (Input input : inputs) {
            instances += pipeline.run(input.foreground(), input.distance()).maxLabel();
        }
        double[] wallMs = new double[rounds * inputs.size()];
        double[] cpuMs = new double[wallMs.length];
        int run = 0;
        for (int round = 0; round < rounds; round++) {
            for (Input input : inputs) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                pipeline.run(input.foreground(), input.distance());
                wallMs[run] = (System.nanoTime() - start) / 1e6;
                cpuMs[run++] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            }
        }
        print(inputs, instances, wallMs, cpuMs);
        return 0;
    }

    private static List<Input> inputs(Path labels) throws IOException {
        if (!Files.isDirectory(labels)) {
            throw new InvalidInputException(labels, "folder not found (give the MoNuSeg folder with --data)");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(labels)) {
            files = listing.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new InvalidInputException(labels, "holds no .png label maps");
        }
        List<Input> inputs = new ArrayList<>();
        for (Path file : files) {
            LabelImage truth = RasterFiles.readLabels(file);
            inputs.add(new Input(TargetMaps.foreground(truth), TargetMaps.normalizedDistance(truth)));
        }
        return inputs;
    }

    private void print(List<Input> inputs, long instances, double[] wallMs, double[] cpuMs) throws IOException {
        FloatMap first = inputs.get(0).foreground();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("benchmark", "postprocess");
            root.put("images", inputs.size());
            root.put("width", first.width());
            root.put("height", first.height());
            root.put("runs", wallMs.length);
            root.put("instances_per_image", (double) instances / inputs.size());
            root.put("median_ms", round(median(wallMs)));
            root.put("min_ms", round(Arrays.stream(wallMs).min().orElseThrow()));
            root.put("max_ms", round(Arrays.stream(wallMs).max().orElseThrow()));
            root.put("median_cpu_ms", round(median(cpuMs)));
            root.put("processors", Runtime.getRuntime().availableProcessors());
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            out.printf(Locale.ROOT, "merge step on %d images of %dx%d, %d runs: median %.1f ms per image "
                    + "(min %.1f, max %.1f; median CPU %.1f ms)%n", inputs.size(), first.width(), first.height(),
                    wallMs.length, median(wallMs), Arrays.stream(wallMs).min().orElseThrow(),
                    Arrays.stream(wallMs).max().orElseThrow(), median(cpuMs));
        }
        out.flush();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
