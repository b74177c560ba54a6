package org.histoprune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.histoprune.nn.Benchmarks;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.TilingOptions;
import org.histoprune.nn.UNetConfig;
import org.histoprune.prune.FilterPruner;
import org.histoprune.prune.ModelCost;
import org.histoprune.prune.PruneConfig;
import org.histoprune.prune.Strategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench prune}: measured speedup of filter pruning. A U-Net pair loses {@code --ratio} of the filters of
 * every conv (L1 or Taylor ranking, kept counts rounded to {@code --channel-multiple}) and the dense and the shrunk
 * network predict the same image in turn, in one run, each as its inference copy (batch norm folded).
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Time prediction of a square image by a dense U-Net pair and by the same network with a "
                + "fraction of the filters of every conv removed, alternately in one run; reports both and the speedup.")
final class BenchPruneCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    private boolean json;

    @Option(names = "--base", defaultValue = "16", description = "U-Net base width (default: ${DEFAULT-VALUE}).")
    private int base;

    @Option(names = "--depth", defaultValue = "4", description = "U-Net depth (default: ${DEFAULT-VALUE}).")
    private int depth;

    @Option(names = "--ratio", defaultValue = "0.5", description = "Fraction of filters removed per conv (default: ${DEFAULT-VALUE}).")
    private double ratio;

    @Option(names = "--importance", defaultValue = "l1-filter",
            description = "l1-filter or taylor (Taylor needs --data) (default: ${DEFAULT-VALUE}).")
    private String importance;

    @Option(names = "--data", description = "Folder with images/ and labels/ for Taylor importance.")
    private java.nio.file.Path data;

    @Option(names = "--channel-multiple", defaultValue = "16",
            description = "Round kept filter counts to this multiple, 1 = none (default: ${DEFAULT-VALUE}, oneDNN's AVX-512 block).")
    private int channelMultiple;

    @Option(names = "--size", defaultValue = "1000", description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed predictions per network (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--tile", description = "Largest tile side for both networks (default: each network its own, "
            + "the largest it predicts quickly in; see segment --tile).")
    private Integer tile;

    @Option(names = "--overlap", defaultValue = "64", description = "Tile overlap (default: ${DEFAULT-VALUE}).")
    private int overlap;

    @Mixin
    private ThreadOptions engine;

    private TilingOptions tiling(UNetConfig network) {
        TilingOptions defaults = TilingOptions.defaults();
        return BlockOptions.tiling(spec, tile, overlap, defaults.batch(), defaults.workers(), network);
    }

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || size < 16 || !(ratio > 0 && ratio < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--repeats >= 1, --size >= 16, 0 < --ratio < 1");
        }
        PruneConfig config;
        try {
            Strategy strategy = Strategy.parse(importance);
            if (!strategy.structured()) {
                throw new IllegalArgumentException("--importance must be l1-filter or taylor, got " + importance);
            }
            config = PruneConfig.filters(strategy, ratio, data).withChannelMultiple(channelMultiple);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        engine.configureEngine();
        UNetConfig dense = new UNetConfig(base, depth);
        UNetConfig pruned;
        double theoretical;
        double[] seconds;
        List<TilingOptions> tilings;
        try (NucleiModel model = NucleiModel.create(dense, 1);
                NucleiModel small = new FilterPruner(model, config).step()) {
            pruned = small.config();
            theoretical = ModelCost.of(small).speedup();
            tilings = List.of(tiling(dense), tiling(pruned));
            seconds = Benchmarks.fastestInTurn(List.of(model, small), size, tilings, repeats);
        }
        double denseSeconds = seconds[0];
        double prunedSeconds = seconds[1];
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("base", base).put("depth", depth).put("importance", config.strategy().cliName())
                    .put("channel_multiple", channelMultiple).put("batch_norm_folded", true)
                    .put("filter_ratio_removed", ratio).put("width", size)
                    .put("height", size).put("threads", engine.threads()).put("dense_tile", tilings.get(0).tile())
                    .put("pruned_tile", tilings.get(1).tile()).put("repeats", repeats)
                    .put("dense_seconds", denseSeconds).put("pruned_seconds", prunedSeconds)
                    .put("measured_speedup", denseSeconds / prunedSeconds).put("theoretical_speedup", theoretical)
                    .put("measured_over_theoretical", denseSeconds / prunedSeconds / theoretical);
            root.putPOJO("pruned_widths", pruned.widths());
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            out.printf(Locale.ROOT, "base-%d U-Net pair, %dx%d image: dense %.2f s, %.0f%% of filters removed (%s) %.2f s;"
                    + " measured speedup %.2fx (theoretical %.2fx, ratio %.2f)%n", base, size, size, denseSeconds,
                    100 * ratio, config.strategy().cliName(), prunedSeconds, denseSeconds / prunedSeconds, theoretical,
                    denseSeconds / prunedSeconds / theoretical);
        }
        out.flush();
        return 0;
    }
}
