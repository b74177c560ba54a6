package org.histoprune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.histoprune.nn.Benchmarks;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.TilingOptions;
import org.histoprune.nn.UNetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench infer}: seconds per image prediction (both branches, tiled) per base width, or per given model, and
 * peak memory.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Time tiled prediction of a synthetic square image by both branches of the U-Net pair for "
                + "several base widths (or the --models given), after one untimed warm-up prediction; reports the "
                + "process's peak RSS.")
final class BenchInferCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WidthSweepOptions sweep;

    @Option(names = "--size", defaultValue = "1000", description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--repeats", defaultValue = "2", description = "Timed predictions per width (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--tile", description = "Largest tile side (default: each network its own, the largest it "
            + "predicts quickly in; see segment --tile).")
    private Integer tile;

    @Option(names = "--overlap", defaultValue = "64", description = "Tile overlap (default: ${DEFAULT-VALUE}).")
    private int overlap;

    @Option(names = "--tile-batch", defaultValue = "1", description = "Tiles per forward pass (default: ${DEFAULT-VALUE}).")
    private int tileBatch;

    @Option(names = "--workers", defaultValue = "1", description = "Forward passes at once (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--models", split = ",", paramLabel = "MODEL", description = "Time these models instead of base "
            + "widths: bundled names (dense, fast) or .hpm files, one prediction each in turn, the fastest of "
            + "--repeats kept; each is compared with the first.")
    private List<String> models;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || size < 16) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeats >= 1 and --size >= 16");
        }
        sweep.engine.configureEngine();
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode rows = mapper.createArrayNode();
        PrintWriter out = spec.commandLine().getOut();
        if (models != null) {
            timeModels(rows, out);
        } else {
            timeWidths(rows, out);
        }
        if (sweep.json) {
            ObjectNode root = mapper.createObjectNode();
            root.put("threads", sweep.engine.threads()).put("overlap", overlap).put("tile_batch", tileBatch)
                    .put("workers", workers);
            root.set(models != null ? "models" : "infer", rows);
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            out.flush();
        }
        return 0;
    }

    private TilingOptions tiling(UNetConfig network) {
        return BlockOptions.tiling(spec, tile, overlap, tileBatch, workers, network);
    }

    /** A fresh U-Net pair per base width of the sweep. */
    private void timeWidths(ArrayNode rows, PrintWriter out) {
        for (int base : sweep.bases) {
            UNetConfig network = UNetConfig.defaults().withBase(base);
            TilingOptions tiling = tiling(network);
            Benchmarks.InferenceTiming t = Benchmarks.inference(network, size, tiling, repeats);
            ObjectNode row = rows.addObject();
            row.put("base", base).put("tile", tiling.tile()).put("depth", t.unet().depth()).put("width", size)
                    .put("height", size)
                    .put("seconds", t.seconds()).put("gflop", t.gflops()).put("gflops", t.gflopsPerSecond())
                    .put("peak_rss_mb", t.peakRssMegabytes());
            if (!sweep.json) {
                out.printf(Locale.ROOT, "base %2d: %.2f s per %dx%d image (both branches), %.1f GFLOP, %.1f GFLOP/s, "
                        + "peak RSS %.0f MB%n", base, t.seconds(), size, size, t.gflops(), t.gflopsPerSecond(),
                        t.peakRssMegabytes());
                out.flush();
            }
        }
    }

    /** The given models in turn; rows with seconds and speedup over the first. */
    private void timeModels(ArrayNode rows, PrintWriter out) throws IOException {
        List<NucleiModel> opened = new ArrayList<>();
        try {
            List<TilingOptions> tilings = new ArrayList<>();
            for (String name : models) {
                opened.add(ModelChoice.open(name));
                tilings.add(tiling(opened.get(opened.size() - 1).config()));
            }
            double[] seconds = Benchmarks.fastestInTurn(opened, size, tilings, repeats);
            double peakRss = Benchmarks.peakRssMegabytes();
            for (int m = 0; m < opened.size(); m++) {
                rows.addObject().put("model", models.get(m)).putPOJO("widths", opened.get(m).config().widths())
                        .put("tile", tilings.get(m).tile())
                        .put("width", size).put("height", size).put("seconds", seconds[m])
                        .put("speedup_over_first", seconds[0] / seconds[m]).put("peak_rss_mb", peakRss);
                if (!sweep.json) {
                    out.printf(Locale.ROOT, "%s: %.2f s per %dx%d image (both branches), %.2fx the speed of %s%n",
                            models.get(m), seconds[m], size, size, seconds[0] / seconds[m], models.get(0));
                    out.flush();
                }
            }
        } finally {
            opened.forEach(NucleiModel::close);
        }
    }
}
