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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.RasterFiles;
import org.histoprune.metrics.InstanceMetrics;
import org.histoprune.metrics.PixelMetrics;
import org.histoprune.segment.TargetMaps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench metrics}: times every metric (instance scores, pixel scores, MSE) per image, scoring each label
 * map against a copy of itself shifted by 2 px so that the matching has real work to do.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Time all metrics on label maps (default: the MoNuSeg test set) against copies shifted "
                + "by 2 px; prints the median time per image.")
final class BenchMetricsCommand implements Callable<Integer> {
    private static final int SHIFT = 2;
    private static final int WARM_UP_ROUNDS = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data/monuseg/test/labels",
            description = "Folder of label images (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Timed rounds per image, after 2 warm-up rounds (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--json", description = "Print JSON.")
    private boolean json;

    /** Inputs of one image, prepared before timing. */
    private record Case(LabelImage truth, LabelImage predicted, FloatMap probability, FloatMap truthDistance,
            FloatMap predictedDistance) {
    }

    @Override
    public Integer call() throws IOException {
        if (rounds < 1) {
            throw new InvalidInputException("--rounds must be at least 1, got " + rounds);
        }
        List<Path> files = labelFiles(data);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> total = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> instance = new ArrayList<>();
        List<Double> pixel = new ArrayList<>();
        List<Double> mse = new ArrayList<>();
        double ajiSum = 0;
        for (Path file : files) {
            Case c = prepare(RasterFiles.readLabels(file));
            for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
                long startCpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                double aji = InstanceMetrics.score(c.truth(), c.predicted()).aji();
                long afterInstance = System.nanoTime();
                PixelMetrics.score(c.probability(), c.truth());
                long afterPixel = System.nanoTime();
                PixelMetrics.meanSquaredError(c.predictedDistance(), c.truthDistance());
                long end = System.nanoTime();
                long endCpu = threads.getCurrentThreadCpuTime();
                if (round >= WARM_UP_ROUNDS) {
                    instance.add(millis(afterInstance - start));
                    pixel.add(millis(afterPixel - afterInstance));
                    mse.add(millis(end - afterPixel));
                    total.add(millis(end - start));
                    cpu.add(millis(endCpu - startCpu));
                }
                if (round == 0) {
                    ajiSum += aji;
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("benchmark", "metrics");
            root.put("images", files.size());
            root.put("rounds", rounds);
            root.put("shift_px", SHIFT);
            root.put("median_ms", round(median(total)));
            root.put("median_cpu_ms", round(median(cpu)));
            root.put("instance_median_ms", round(median(instance)));
            root.put("pixel_median_ms", round(median(pixel)));
            root.put("mse_median_ms", round(median(mse)));
            root.put("mean_aji", ajiSum / files.size());
            out.println(mapper.writeValueAsString(root));
        } else {
            out.printf(Locale.ROOT, "%d images, %d rounds: median %.2f ms per image (%.2f ms CPU; instance %.2f, "
                    + "pixel %.2f, MSE %.2f); mean AJI against a %d px shift %.4f%n", files.size(), rounds,
                    median(total), median(cpu), median(instance), median(pixel), median(mse), SHIFT,
                    ajiSum / files.size());
        }
        out.flush();
        return 0;
    }

    private static Case prepare(LabelImage truth) {
        LabelImage predicted = shifted(truth, SHIFT);
        return new Case(truth, predicted, TargetMaps.foreground(predicted), TargetMaps.normalizedDistance(truth),
                TargetMaps.normalizedDistance(predicted));
    }

    /** The labels moved right and down by {@code shift} px; the uncovered border is background. */
    private static LabelImage shifted(LabelImage labels, int shift) {
        int width = labels.width();
        int height = labels.height();
        LabelImage moved = new LabelImage(width, height);
        for (int y = shift; y < height; y++) {
            int length = width - shift;
            if (length > 0) {
                System.arraycopy(labels.labels(), (y - shift) * width, moved.labels(), y * width + shift, length);
            }
        }
        return moved;
    }

    private static List<Path> labelFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(folder, "folder of label images not found");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> labels = files.filter(f -> {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".png") || name.endsWith(".tif") || name.endsWith(".tiff");
            }).sorted().toList();
            if (labels.isEmpty()) {
                throw new InvalidInputException(folder, "holds no label images (.png, .tif, .tiff)");
            }
            return labels;
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
