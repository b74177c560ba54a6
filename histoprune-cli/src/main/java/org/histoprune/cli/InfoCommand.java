package org.histoprune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.histoprune.io.SlideReader;
import org.histoprune.io.SlideReaderRegistry;
import org.histoprune.nn.HeldOutLoss;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.Precision;
import org.histoprune.nn.PrunableTensor;
import org.histoprune.nn.UNetConfig;
import org.histoprune.prune.LayerCost;
import org.histoprune.prune.ModelCost;
import org.histoprune.prune.SensitivityScan;
import org.histoprune.prune.SpeedupTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code info}: size, sparsity per layer and FLOPs of a model; {@code --table1}: the seed paper's Table 1 for it;
 * for a slide or image, how it is stored.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Print a model's architecture, provenance, parameters, sparsity per layer and FLOPs.",
            "For a slide or image (info SLIDE, or --slide FILE): format, reader, every level's size and downsample,",
            "pixel size, vendor, tile size and compression.",
            "With --table1: theoretical speedup of magnitude pruning at CR 2..512 (network-wide and layer-wise),",
            "next to the seed paper's figures; without a model, for the bundled model (or, with --base/--depth,",
            "a fresh U-Net of that size)."})
final class InfoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "MODEL|SLIDE", description = "Model file (.hpm; default: the bundled "
            + "model), or a slide or image.")
    private Path model;

    @Option(names = "--slide", paramLabel = "FILE", description = "Describe this slide or image.")
    private Path slide;

    @Option(names = "--table1", description = "Print the speedup table (Table 1 analogue).")
    private boolean table1;

    @Option(names = "--base", defaultValue = "16", description = "Base width without a model (default: ${DEFAULT-VALUE}).")
    private int base;

    @Option(names = "--depth", defaultValue = "4", description = "Depth without a model (default: ${DEFAULT-VALUE}).")
    private int depth;

    @Option(names = "--sensitivity", description = "Per-layer sensitivity scan: held-out loss with one tensor pruned "
            + "at a time (needs --data).")
    private boolean sensitivity;

    @Option(names = "--data", description = "Held-out images/ and labels/ for --sensitivity.")
    private Path data;

    @Option(names = "--crops", defaultValue = "4", description = "Held-out crops for --sensitivity (default: ${DEFAULT-VALUE}).")
    private int crops;

    @Mixin
    private CropOption crop;

    @Option(names = "--json", description = "Print JSON.")
    private boolean json;

    @Option(names = "--write", paramLabel = "FILE", description = "Also re-write the model to FILE (current format).")
    private Path rewrite;

    @Option(names = "--half", description = "With --write: store weights as float16 (half the size, for shipping).")
    private boolean half;

    @Override
    public Integer call() throws Exception {
        if (sensitivity && data == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sensitivity needs --data");
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        Path slideFile = slide != null ? slide : model != null && !isModelFile(model) ? model : null;
        if (slideFile != null) {
            describeSlide(slideFile, out, root);
            if (json) {
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            }
            out.flush();
            return 0;
        }
        try (NucleiModel loaded = open()) {
            if (table1) {
                table(loaded, out, root);
            } else if (sensitivity) {
                sensitivity(loaded, out, root);
            } else {
                describe(loaded, out, root);
            }
            if (rewrite != null) {
                loaded.save(rewrite, half ? Precision.FLOAT16 : Precision.FLOAT32);
                root.put("written", rewrite.toString());
            }
        }
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        }
        out.flush();
        return 0;
    }

    /** A model file is a ZIP (or named .hpm, so that a broken one is reported as a broken model). */
    private static boolean isModelFile(Path file) throws java.io.IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".hpm") || !Files.isRegularFile(file)) {
            return true;
        }
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 'P' && head[1] == 'K';
        }
    }

    private void describeSlide(Path file, PrintWriter out, ObjectNode root) throws java.io.IOException {
        try (SlideReader reader = SlideReaderRegistry.withInstalledReaders().open(file)) {
            Map<String, String> properties = reader.properties();
            root.put("slide", file.toString()).put("reader", reader.getClass().getSimpleName());
            properties.forEach(root::put);
            if (reader.micronsPerPixel().isPresent()) {
                root.put("microns_per_pixel", reader.micronsPerPixel().getAsDouble());
            } else {
                root.putNull("microns_per_pixel");
            }
            ArrayNode levels = root.putArray("levels");
            reader.levels().forEach(level -> levels.addObject().put("width", level.width())
                    .put("height", level.height()).put("downsample", level.downsample()));
            if (json) {
                return;
            }
            out.printf(Locale.ROOT, "slide %s%n", file);
            out.printf(Locale.ROOT, "format %s, read by %s%n", properties.getOrDefault("format", "unknown"),
                    reader.getClass().getSimpleName());
            out.printf(Locale.ROOT, "pixel size %s%n", reader.micronsPerPixel().isPresent()
                    ? String.format(Locale.ROOT, "%.4f \u00b5m", reader.micronsPerPixel().getAsDouble())
                    : "not recorded");
            for (String key : List.of("vendor", "tile", "compression")) {
                if (properties.containsKey(key)) {
                    out.printf(Locale.ROOT, "%s %s%n", key, properties.get(key));
                }
            }
            for (int i = 0; i < reader.levels().size(); i++) {
                SlideReader.Level level = reader.levels().get(i);
                out.printf(Locale.ROOT, "level %d: %,d x %,d px, downsample %.3f%n", i, level.width(), level.height(),
                        level.downsample());
            }
        }
    }

    private NucleiModel open() throws java.io.IOException {
        if (model != null) {
            return NucleiModel.load(model);
        }
        if (table1 && freshNet()) {
            return NucleiModel.create(new UNetConfig(base, depth), 42);
        }
        return NucleiModel.loadBundled().orElseThrow(() -> new org.histoprune.io.InvalidInputException(
                "this build has no bundled model; give a MODEL file"));
    }

    /** Table 1 of a fresh net: asked for by size, or the build bundles no model. */
    private boolean freshNet() {
        var parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--base") || parsed.hasMatchedOption("--depth")) {
            return true;
        }
        return !org.histoprune.nn.BundledModel.DENSE.available();
    }

    private void describe(NucleiModel loaded, PrintWriter out, ObjectNode root) {
        ModelCost cost = ModelCost.of(loaded);
        UNetConfig unet = loaded.config();
        root.put("model", modelName()).put("encoder", unet.encoder()).put("base", unet.base()).put("depth", unet.depth())
                .put("head_kernel", unet.headKernel())
                .put("parameters", cost.parameters()).put("conv_weights", cost.convWeights())
                .put("alive_weights", cost.aliveWeights()).put("sparsity", cost.sparsity())
                .put("gflops_per_tile", cost.flopsPerTile() / 1e9).put("tile", ModelCost.TILE)
                .put("theoretical_speedup", cost.speedup());
        root.putPOJO("widths", unet.widths());
        root.putPOJO("provenance", loaded.provenance());
        ArrayNode layers = root.putArray("layers");
        for (LayerCost layer : cost.layers()) {
            PrunableTensor t = layer.tensor();
            layers.addObject().put("tensor", t.key()).put("out", t.outChannels()).put("in", t.inChannels())
                    .put("kernel", t.kernel()).put("weights", t.size()).put("alive", layer.alive())
                    .put("sparsity", layer.sparsity())
                    .put("mflops_per_tile", 2 * layer.macsPerPixel() * ModelCost.TILE * ModelCost.TILE / 1e6);
        }
        if (json) {
            return;
        }
        out.printf(Locale.ROOT, "model %s: U-Net (%s encoder) base %d, depth %d, %dx%d head%s%n", modelName(),
                unet.encoder(), unet.base(), unet.depth(), unet.headKernel(), unet.headKernel(),
                unet.widths().isEmpty() ? "" : ", filter-pruned widths " + unet.widths());
        var p = loaded.provenance();
        out.printf(Locale.ROOT, "trained: %d epochs, %d steps, %.0f s on %s; metrics %s%n", p.epochs(), p.steps(),
                p.wallSeconds(), p.data().isEmpty() ? "-" : p.data(), p.metrics());
        out.printf(Locale.ROOT, "parameters %,d (both branches); conv weights %,d, alive %,d, sparsity %.2f%%"
                + " (CR %.2f)%n", cost.parameters(), cost.convWeights(), cost.aliveWeights(), 100 * cost.sparsity(),
                (double) cost.convWeights() / cost.aliveWeights());
        out.printf(Locale.ROOT, "%.3f GFLOPs per %dx%d tile (both branches), theoretical speedup %.2fx over the"
                + " dense base-%d network%n", cost.flopsPerTile() / 1e9, ModelCost.TILE, ModelCost.TILE, cost.speedup(),
                unet.base());
        out.printf(Locale.ROOT, "%-24s %-16s %10s %10s %9s %10s%n", "tensor", "shape", "weights", "alive", "sparsity",
                "MFLOPs");
        for (LayerCost layer : cost.layers()) {
            PrunableTensor t = layer.tensor();
            out.printf(Locale.ROOT, "%-24s %-16s %10d %10d %8.2f%% %10.1f%n", t.key(),
                    t.outChannels() + "x" + t.inChannels() + "x" + t.kernel() + "x" + t.kernel(), t.size(),
                    layer.alive(), 100 * layer.sparsity(),
                    2 * layer.macsPerPixel() * ModelCost.TILE * ModelCost.TILE / 1e6);
        }
    }

    private void table(NucleiModel loaded, PrintWriter out, ObjectNode root) throws java.io.IOException {
        var rows = SpeedupTable.of(loaded);
        ArrayNode array = root.putArray("table1");
        root.put("model", model == null && freshNet() ? "fresh U-Net base " + base + " depth " + depth : modelName());
        for (SpeedupTable.Row row : rows) {
            array.addObject().put("cr", row.compressionRatio()).put("network_wide", row.networkWide())
                    .put("layer_wise", row.layerWise()).put("layer_wise_dense_first_last", row.layerWiseDenseEnds())
                    .put("paper_network_wide", row.paperNetworkWide()).put("paper_layer_wise", row.paperLayerWise());
        }
        if (json) {
            return;
        }
        out.printf(Locale.ROOT, "Theoretical speedup (dense FLOPs / remaining FLOPs), %s%n", root.get("model").asText());
        out.printf(Locale.ROOT, "%-34s", "CR");
        rows.forEach(r -> out.printf(Locale.ROOT, "%8d", r.compressionRatio()));
        out.println();
        line(out, "network-wide (ours)", rows.stream().map(SpeedupTable.Row::networkWide).toList());
        line(out, "network-wide (paper, ResNet-34)", rows.stream().map(SpeedupTable.Row::paperNetworkWide).toList());
        line(out, "layer-wise (ours)", rows.stream().map(SpeedupTable.Row::layerWise).toList());
        line(out, "layer-wise, dense ends (ours)", rows.stream().map(SpeedupTable.Row::layerWiseDenseEnds).toList());
        line(out, "layer-wise (paper, ResNet-34)", rows.stream().map(SpeedupTable.Row::paperLayerWise).toList());
    }

    private void sensitivity(NucleiModel loaded, PrintWriter out, ObjectNode root) {
        HeldOutLoss heldOut = HeldOutLoss.of(data, crops, crop.side(), 42);
        var err = spec.commandLine().getErr();
        List<SensitivityScan.Point> points = SensitivityScan.run(loaded, heldOut, SensitivityScan.DEFAULT_SPARSITIES,
                (point, done, total) -> {
                    err.printf(Locale.ROOT, "\rsensitivity %d/%d", done, total);
                    err.flush();
                });
        err.println();
        ArrayNode array = root.putArray("sensitivity");
        points.forEach(p -> array.addObject().put("tensor", p.tensor().key()).put("sparsity", p.sparsity())
                .put("loss", p.loss()));
        if (json) {
            return;
        }
        int columns = SensitivityScan.DEFAULT_SPARSITIES.size() + 1;
        out.printf(Locale.ROOT, "held-out loss of the tensor's branch with only that tensor pruned (%d crops of %d px)%n",
                crops, crop.side());
        out.printf(Locale.ROOT, "%-24s %9s", "tensor", "as is");
        SensitivityScan.DEFAULT_SPARSITIES.forEach(s -> out.printf(Locale.ROOT, " %8.0f%%", 100 * s));
        out.println();
        for (int i = 0; i < points.size(); i += columns) {
            out.printf(Locale.ROOT, "%-24s", points.get(i).tensor().key());
            for (int c = 0; c < columns; c++) {
                out.printf(Locale.ROOT, " %9.4f", points.get(i + c).loss());
            }
            out.println();
        }
    }

    private String modelName() {
        return model != null ? model.toString() : "bundled " + org.histoprune.nn.BundledModel.DENSE.resource();
    }

    private static void line(PrintWriter out, String label, java.util.List<Double> values) {
        out.printf(Locale.ROOT, "%-34s", label);
        values.forEach(v -> out.print(v == null ? "       -" : String.format(Locale.ROOT, "%8.2f", v)));
        out.println();
    }
}
