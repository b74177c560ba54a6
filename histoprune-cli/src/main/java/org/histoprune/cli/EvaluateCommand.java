package org.histoprune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.histoprune.image.LabelImage;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.RasterFiles;
import org.histoprune.metrics.InstanceMetrics;
import org.histoprune.metrics.InstanceScores;
import org.histoprune.metrics.MetricMeans;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: instance metrics of predicted label images against ground truth. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score predicted label images against ground truth: Dice, AJI, AJI+, PQ, DQ, SQ. "
                + "Give two files, or two folders whose label images are paired by file name stem.")
final class EvaluateCommand implements Callable<Integer> {
    private static final List<String> LABEL_EXTENSIONS = List.of("png", "tif", "tiff");

    @Spec
    private CommandSpec spec;

    @Option(names = "--gt", required = true, paramLabel = "PATH", description = "Ground-truth label image or folder.")
    private Path truth;

    @Option(names = "--pred", required = true, paramLabel = "PATH", description = "Predicted label image or folder.")
    private Path predicted;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    /** A ground-truth file and the predicted file it is scored against. */
    private record Pair(String name, Path truth, Path predicted) {
    }

    private record ImageScores(String name, InstanceScores scores) {
    }

    @Override
    public Integer call() throws IOException {
        List<ImageScores> results = new ArrayList<>();
        for (Pair pair : pairs(truth, predicted)) {
            results.add(new ImageScores(pair.name(), score(pair)));
        }
        InstanceScores mean = MetricMeans.of(InstanceScores.class, results.stream().map(ImageScores::scores).toList());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            printJson(results, mean, out);
        } else {
            printTable(results, mean, out);
        }
        out.flush();
        return 0;
    }

    private static List<Pair> pairs(Path truth, Path predicted) throws IOException {
        requireExists(truth);
        requireExists(predicted);
        boolean truthIsFolder = Files.isDirectory(truth);
        if (truthIsFolder != Files.isDirectory(predicted)) {
            Path folder = truthIsFolder ? truth : predicted;
            throw new InvalidInputException(folder, "is a folder but the other of --gt/--pred is a file");
        }
        if (!truthIsFolder) {
            return List.of(new Pair(stem(truth), truth, predicted));
        }
        Map<String, Path> truthByStem = labelFilesByStem(truth);
        Map<String, Path> predictedByStem = labelFilesByStem(predicted);
        for (var entry : truthByStem.entrySet()) {
            if (!predictedByStem.containsKey(entry.getKey())) {
                throw new InvalidInputException(entry.getValue(), "has no prediction of the same name in " + predicted);
            }
        }
        for (var entry : predictedByStem.entrySet()) {
            if (!truthByStem.containsKey(entry.getKey())) {
                throw new InvalidInputException(entry.getValue(), "has no ground truth of the same name in " + truth);
            }
        }
        if (truthByStem.isEmpty()) {
            throw new InvalidInputException(truth, "holds no label images (.png, .tif, .tiff) to pair");
        }
        return truthByStem.keySet().stream()
                .map(stem -> new Pair(stem, truthByStem.get(stem), predictedByStem.get(stem))).toList();
    }

    private static InstanceScores score(Pair pair) {
        LabelImage truthLabels = RasterFiles.readLabels(pair.truth());
        LabelImage predictedLabels = RasterFiles.readLabels(pair.predicted());
        if (!truthLabels.sameSizeAs(predictedLabels.width(), predictedLabels.height())) {
            throw new InvalidInputException(pair.predicted(), "is " + predictedLabels.width() + "x"
                    + predictedLabels.height() + " px but its ground truth " + pair.truth() + " is "
                    + truthLabels.width() + "x" + truthLabels.height());
        }
        return InstanceMetrics.score(truthLabels, predictedLabels);
    }

    private static Map<String, Path> labelFilesByStem(Path folder) throws IOException {
        Map<String, Path> byStem = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(EvaluateCommand::isLabelFile).sorted().toList()) {
                Path previous = byStem.put(stem(file), file);
                if (previous != null) {
                    throw new InvalidInputException(file, "has the same name stem as " + previous.getFileName());
                }
            }
        }
        return byStem;
    }

    private static boolean isLabelFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Files.isRegularFile(file) && !name.startsWith(".") && dot > 0
                && LABEL_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static void requireExists(Path path) {
        if (!Files.exists(path)) {
            throw new InvalidInputException(path, "file or folder not found");
        }
    }

    private static void printJson(List<ImageScores> results, InstanceScores mean, PrintWriter out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode images = root.putArray("images");
        for (ImageScores result : results) {
            ObjectNode image = images.addObject();
            image.put("name", result.name());
            putScores(image, result.scores());
        }
        putScores(root.putObject("mean"), mean);
        out.println(mapper.writeValueAsString(root));
    }

    private static void putScores(ObjectNode node, InstanceScores scores) {
        node.put("dice", scores.dice());
        node.put("aji", scores.aji());
        node.put("aji_plus", scores.ajiPlus());
        node.put("pq", scores.pq());
        node.put("dq", scores.dq());
        node.put("sq", scores.sq());
    }

    private static void printTable(List<ImageScores> results, InstanceScores mean, PrintWriter out) {
        int nameWidth = Math.max(4, results.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        String row = "%-" + nameWidth + "s  %6s  %6s  %6s  %6s  %6s  %6s%n";
        out.printf(Locale.ROOT, row, "name", "dice", "aji", "aji+", "pq", "dq", "sq");
        for (ImageScores result : results) {
            printRow(out, row, result.name(), result.scores());
        }
        if (results.size() > 1) {
            printRow(out, row, "mean", mean);
        }
    }

    private static void printRow(PrintWriter out, String row, String name, InstanceScores s) {
        out.printf(Locale.ROOT, row, name, f(s.dice()), f(s.aji()), f(s.ajiPlus()), f(s.pq()), f(s.dq()), f(s.sq()));
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
