package org.histoprune.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.histoprune.nn.TrainingListener;
import org.histoprune.prune.ModelCost;
import org.histoprune.prune.PruneConfig;
import org.histoprune.prune.PruneListener;
import org.histoprune.prune.PrunePlan;
import org.histoprune.prune.PruneRun;
import org.histoprune.prune.PrunedBranches;
import org.histoprune.prune.Retraining;
import org.histoprune.prune.Strategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code prune}: magnitude (iterative or one-shot, global / layer-wise / N:M) or filter pruning of a model. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Prune a trained model: unstructured magnitude pruning to a compression ratio (--cr), in",
            "log2(CR) rounds of 50%% each (or --one-shot), each followed by --epochs of retraining on --data;",
            "or N:M sparsity (--branch: the segmentation or regression network alone, or both, each on its own);",
            "or removal of a fraction (--ratio) of the filters (L1 or Taylor importance).",
            "Each finished round is kept as <out>.roundN.hpm; rerunning the same command resumes after it."})
final class PruneCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, description = "Trained model file (.hpm).")
    private Path model;

    @Option(names = "--out", description = "Pruned model to write (required unless --plan).")
    private Path out;

    @Option(names = "--strategy", required = true, description = "layerwise | global | nm | l1-filter | taylor.")
    private String strategyName;

    @Option(names = "--cr", description = "Compression ratio for layerwise/global, e.g. 16 (weights before / after).")
    private Double cr;

    @Option(names = "--ratio", description = "Fraction of filters to remove for l1-filter/taylor, e.g. 0.5.")
    private Double ratio;

    @Option(names = "--nm", defaultValue = "2:4", description = "N:M pattern for --strategy nm (default: ${DEFAULT-VALUE}).")
    private String nm;

    @Option(names = "--branch", defaultValue = "both", description = "segmentation | regression | both: the network(s)"
            + " to prune and retrain; each is ranked on its own, as in the paper (default: ${DEFAULT-VALUE}).")
    private String branch;

    @Option(names = "--patience", defaultValue = "0", description = "Stop a round's retraining after this many epochs"
            + " without a better held-out loss; 0 = always all --epochs (default: ${DEFAULT-VALUE}).")
    private int patience;

    @Option(names = "--one-shot", description = "Prune to the CR in one round instead of halving round by round.")
    private boolean oneShot;

    @Option(names = "--global-ranking", description = "Filter pruning: rank filters over all layers, not per layer.")
    private boolean globalRanking;

    @Option(names = "--channel-multiple", defaultValue = "1", description = "Filter pruning: round kept filter counts to "
            + "this multiple, e.g. 16 for the 16-channel blocks of oneDNN's AVX-512 kernels (default: ${DEFAULT-VALUE}, none).")
    private int channelMultiple;

    @Option(names = "--exclude-first-last", description = "Keep the first conv and the head dense.")
    private boolean excludeFirstLast;

    @Option(names = "--epochs", defaultValue = "0", description = "Retraining epochs per round, 0 = none (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--steps-per-epoch", defaultValue = "100", description = "Steps per retraining epoch (default: ${DEFAULT-VALUE}).")
    private int stepsPerEpoch;

    @Option(names = "--retrain", defaultValue = "rewind", description = "rewind (learning-rate rewinding), fine-tune "
            + "(a tenth of the training rate) or full-rate (the training rate again, as the seed paper retrains) "
            + "(default: ${DEFAULT-VALUE}).")
    private String retrain;

    @Option(names = "--data", description = "Folder with images/ and labels/ for retraining and Taylor importance.")
    private Path data;

    @Mixin
    private CropOption crop;

    @Option(names = "--taylor-batches", defaultValue = "16", description = "Crops over which Taylor importance is summed (default: ${DEFAULT-VALUE}).")
    private int taylorBatches;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--plan", description = "Only print what would be pruned (per layer) and the resulting cost.")
    private boolean planOnly;

    @Mixin
    private ThreadOptions engine;

    @Override
    public Integer call() throws Exception {
        PruneConfig config = config();
        if (out == null && !planOnly) {
            throw new ParameterException(spec.commandLine(), "--out is required (or use --plan)");
        }
        engine.configureEngine();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PruneRun run = new PruneRun(config);
        PrunePlan plan = run.plan(model);
        printPlan(plan, stdout);
        if (planOnly) {
            return 0;
        }
        long stepsPerRound = (long) config.epochsPerRound() * config.stepsPerEpoch();
        long total = (long) plan.rounds() * (stepsPerRound + 1);
        ModelCost cost;
        try (ProgressBar bar = ConsoleBars.builder("prune", total, 2000).build()) {
            run.addListener(new PruneListener() {
                @Override
                public void onRound(Round round) {
                    bar.stepTo((long) round.round() * (stepsPerRound + 1));
                    err.printf(Locale.ROOT, "%nround %d/%d%s: sparsity %.2f%%, %.3f GFLOPs per tile, speedup %.2fx -> %s%n",
                            round.round(), round.rounds(), round.resumed() ? " (already done)" : "",
                            100 * round.cost().sparsity(), round.cost().flopsPerTile() / 1e9, round.cost().speedup(),
                            round.file());
                    err.flush();
                }

                @Override
                public void onTrainingStep(int round, TrainingListener.Step step) {
                    bar.stepTo((round - 1) * (stepsPerRound + 1) + step.step());
                    bar.setExtraMessage(String.format(Locale.ROOT, "round %d seg %.3f reg %.4f lr %.1e", round,
                            step.segmentationLoss(), step.regressionLoss(), step.learningRate()));
                }
            });
            String command = "histoprune " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            cost = run.run(model, out, command);
        }
        stdout.printf(Locale.ROOT, "wrote %s: %,d parameters, sparsity %.2f%%, %.3f GFLOPs per %dx%d tile, "
                + "theoretical speedup %.2fx%n", out, cost.parameters(), 100 * cost.sparsity(), cost.flopsPerTile() / 1e9,
                ModelCost.TILE, ModelCost.TILE, cost.speedup());
        stdout.flush();
        return 0;
    }

    private PruneConfig config() {
        try {
            Strategy strategy = Strategy.parse(strategyName);
            Retraining mode = switch (retrain) {
                case "rewind" -> Retraining.REWIND;
                case "fine-tune" -> Retraining.FINE_TUNE;
                case "full-rate" -> Retraining.FULL_RATE;
                default -> throw new IllegalArgumentException("--retrain must be rewind, fine-tune or full-rate, got "
                        + retrain);
            };
            if (strategy.structured()) {
                if (ratio == null || cr != null) {
                    throw new IllegalArgumentException("filter pruning takes --ratio (not --cr)");
                }
            } else if (strategy == Strategy.NM) {
                if (cr != null || ratio != null) {
                    throw new IllegalArgumentException("nm takes --nm N:M (not --cr or --ratio)");
                }
            } else if (cr == null || ratio != null) {
                throw new IllegalArgumentException("magnitude pruning takes --cr (not --ratio)");
            }
            String[] pattern = nm.split(":");
            if (pattern.length != 2) {
                throw new IllegalArgumentException("--nm must look like 2:4, got " + nm);
            }
            return new PruneConfig(strategy, cr == null ? 0 : cr, ratio == null ? 0 : ratio,
                    Integer.parseInt(pattern[0].trim()), Integer.parseInt(pattern[1].trim()), oneShot, excludeFirstLast,
                    globalRanking, epochs, stepsPerEpoch, mode, data, crop.side(), taylorBatches, seed,
                    PrunedBranches.parse(branch), patience, channelMultiple);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static void printPlan(PrunePlan plan, PrintWriter out) {
        ModelCost before = plan.before();
        ModelCost after = plan.after();
        out.printf(Locale.ROOT, "plan: %s in %d round(s)%n", plan.config().strategy().cliName(), plan.rounds());
        out.printf(Locale.ROOT, "%-24s %14s %14s %9s %12s%n", "tensor", "shape now", "shape after", "sparsity",
                "MFLOPs after");
        for (int i = 0; i < after.layers().size(); i++) {
            var now = before.layers().get(i);
            var then = after.layers().get(i);
            out.printf(Locale.ROOT, "%-24s %14s %14s %8.2f%% %12.1f%n", then.tensor().key(), shape(now.tensor()),
                    shape(then.tensor()), 100 * then.sparsity(),
                    2 * then.macsPerPixel() * ModelCost.TILE * ModelCost.TILE / 1e6);
        }
        out.printf(Locale.ROOT, "parameters %,d -> %,d; sparsity %.2f%% -> %.2f%%; GFLOPs per %dx%d tile %.3f -> %.3f;"
                + " theoretical speedup %.2fx%n", before.parameters(), after.parameters(), 100 * before.sparsity(),
                100 * after.sparsity(), ModelCost.TILE, ModelCost.TILE, before.flopsPerTile() / 1e9,
                after.flopsPerTile() / 1e9, after.speedup());
        out.flush();
    }

    private static String shape(org.histoprune.nn.PrunableTensor t) {
        return t.outChannels() + "x" + t.inChannels() + "x" + t.kernel() + "x" + t.kernel();
    }
}
