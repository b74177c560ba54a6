package org.histoprune.experiment;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.histoprune.nn.TrainingDivergedException;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.Benchmarks;
import org.histoprune.nn.Branch;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.NucleiTrainer;
import org.histoprune.nn.Provenance;
import org.histoprune.nn.TilingOptions;
import org.histoprune.nn.TrainingConfig;
import org.histoprune.nn.TrainingResult;
import org.histoprune.nn.UNetConfig;
import org.histoprune.prune.ModelCost;
import org.histoprune.prune.PruneConfig;
import org.histoprune.prune.PruneRun;
import org.histoprune.prune.PrunedBranches;
import org.histoprune.prune.Strategy;

/**
 * Computes one cell: obtains its model (the dense input, a pruning round of its chain, the merge of two
 * single-branch chains, or a pruned and retrained network of the sample-size study) through the prune and nn
 * packages, then evaluates it on the cell's evaluation sets (a chain cell of a merge has none).
 * Iterative magnitude chains share one {@link PruneRun} output per chain, so the cell at CR 2^k finds
 * rounds 1..k-1 on disk (written by its ancestors) and computes round k only.
 */
final class CellRunner {
    /** Filter ratio of one iterative filter-pruning step: halves the parameters (they scale with width^2). */
    static final double HALVING_FILTER_RATIO = 1 - Math.sqrt(0.5);
    /** Fact of a pruned cell: optimizer steps its last round's retraining ran. */
    static final String RETRAIN_STEPS = "retrain_steps";
    /** Fact of a pruned cell: 1 when its last round's retraining stopped on a plateau, 0 at the step cap. */
    static final String RETRAIN_PLATEAU = "retrain_plateau";
    /**
     * Fact of a filter-importance cell: seconds to predict a {@value #TIMED_SIDE}-pixel square image by the cell's
     * architecture with batch norm folded, in the tiles sized to it (as {@code segment} and {@code bench prune}
     * run it), median of {@value #TIMED_RUNS} runs after a warm-up each.
     */
    static final String INFER_SECONDS = "infer_seconds";
    static final int TIMED_SIDE = 1000;
    static final int TIMED_RUNS = 3;
    /** Facts of a sample-size cell: the training images of its subset and the steps its from-scratch training ran. */
    static final String TRAINING_IMAGES = "training_images";
    static final String TRAINING_STEPS = "training_steps";

    private final ResultStore store;
    private final Path denseModel;
    private final String command;

    CellRunner(ResultStore store, Path denseModel, String command) {
        this.store = store;
        this.denseModel = denseModel;
        this.command = command;
    }

    CellResult run(CellSpec spec, BooleanSupplier cancelled) throws IOException {
        long start = System.nanoTime();
        Path model;
        Map<String, Double> facts = new LinkedHashMap<>();
        try {
            model = switch (spec.study()) {
                case COMPRESSION -> compressionModel(spec, facts, cancelled);
                case FILTER_IMPORTANCE -> filterChainModel(spec, facts, cancelled);
                case SAMPLE_SIZE -> sampleSizeModel(spec, facts, cancelled);
            };
        } catch (TrainingDivergedException e) {
            return result(spec, CellResult.Status.DIVERGED, e.getMessage(), null, null, facts, Map.of(), start);
        } catch (InvalidInputException e) {
            if (!e.getMessage().contains("impossible") && !e.getMessage().contains("would leave")) {
                throw e;
            }
            return result(spec, CellResult.Status.INFEASIBLE, e.getMessage(), null, null, facts, Map.of(), start);
        }
        Evaluator evaluator = new Evaluator(spec.recipe().evalTile());
        Map<String, Map<String, Double>> metrics = evaluator.evaluate(model, spec.evals(), cancelled);
        ModelCost cost;
        UNetConfig architecture;
        try (NucleiModel loaded = NucleiModel.load(model)) {
            cost = ModelCost.of(loaded);
            architecture = loaded.config();
        }
        if (spec.study() == CellSpec.Study.FILTER_IMPORTANCE) {
            facts.put(INFER_SECONDS, inferenceSeconds(architecture));
        }
        double seconds = metrics.values().stream().mapToDouble(m -> m.getOrDefault(Evaluator.SECONDS_PER_IMAGE,
                Double.NaN)).average().orElse(Double.NaN);
        CellResult.Cost summary = new CellResult.Cost(cost.parameters(), cost.convWeights(), cost.aliveWeights(),
                cost.flopsPerTile(), cost.speedup(), Files.size(model), seconds);
        String file = model.startsWith(store.root()) ? store.root().relativize(model).toString()
                : model.toAbsolutePath().toString();
        return result(spec, CellResult.Status.DONE, "", file, summary, facts, metrics, start);
    }

    /** A result for a cell whose parent could not be computed: the parent's status, with the reason. */
    CellResult unreachableBecauseOf(CellSpec spec, CellResult parent) {
        String why = parent.status() == CellResult.Status.DIVERGED ? "diverged" : "is infeasible";
        String which = spec.merged() ? "the " + parent.spec().branch() + " branch at CR " + parent.spec().cr()
                : "CR " + parent.spec().cr() + " of this chain";
        return result(spec, parent.status(), which + " " + why + " (" + parent.message() + ")", null, null,
                Map.of(), Map.of(), System.nanoTime());
    }

    private Path compressionModel(CellSpec spec, Map<String, Double> facts, BooleanSupplier cancelled)
            throws IOException {
        if (spec.cr() == 1) {
            return denseModel;
        }
        if (spec.merged()) {
            return merged(spec, facts);
        }
        Strategy strategy = Strategy.parse(spec.strategy());
        Recipe recipe = spec.recipe();
        Path data = Path.of(spec.data());
        Path out;
        PruneConfig config;
        int round;
        Path from = denseModel;
        if (strategy.structured()) {
            from = spec.parents().isEmpty() ? denseModel : modelOf(spec.parents().get(0));
            config = retrained(PruneConfig.filters(strategy, HALVING_FILTER_RATIO, data), recipe, data, spec.seed());
            out = cellModel(spec);
            round = 1;
        } else if (strategy == Strategy.NM) {
            config = retrained(PruneConfig.nm(1, spec.cr()).withBranches(spec.branches()), recipe, data, spec.seed());
            out = cellModel(spec);
            round = 1;
        } else {
            config = retrained(PruneConfig.magnitude(strategy, spec.cr()).withOneShot(spec.oneShot())
                    .withExcludeFirstLast(recipe.excludeFirstLast()).withBranches(spec.branches()), recipe, data,
                    spec.seed());
            out = spec.oneShot() ? cellModel(spec) : store.models().resolve("chain-" + spec.chainKey() + ".hpm");
            round = config.rounds();
        }
        return retrainFacts(config, prune(config, from, out, round, cancelled), facts);
    }

    /** Notes how long the last round of {@code model} retrained (steps, and whether a plateau ended it). */
    private static Path retrainFacts(PruneConfig config, Path model, Map<String, Double> facts) throws IOException {
        if (config.epochsPerRound() > 0) {
            try (NucleiModel retrained = NucleiModel.load(model)) {
                Map<String, Double> provenance = retrained.provenance().metrics();
                copyFact(provenance, PruneRun.RETRAIN_STEPS, facts, RETRAIN_STEPS);
                copyFact(provenance, PruneRun.RETRAIN_PLATEAU, facts, RETRAIN_PLATEAU);
            }
        }
        return model;
    }

    /**
     * The paper's merge (Fig. 1): the segmentation branch of the segmentation chain's model and the regression
     * branch of the regression chain's model, both pruned to this CR. The steps are those of the two last rounds.
     */
    private Path merged(CellSpec spec, Map<String, Double> facts) throws IOException {
        CellResult segmentation = store.read(spec.chainCell(PrunedBranches.SEGMENTATION).key()).orElseThrow();
        CellResult regression = store.read(spec.chainCell(PrunedBranches.REGRESSION).key()).orElseThrow();
        Path out = cellModel(spec);
        try (NucleiModel model = NucleiModel.load(store.modelFile(segmentation));
                NucleiModel other = NucleiModel.load(store.modelFile(regression))) {
            model.copyBranch(Branch.REGRESSION, other);
            model.setProvenance(new Provenance(model.provenance().data(), command, 0, 0, 0, Map.of(),
                    Instant.now().toString()));
            model.save(out);
        }
        for (CellResult chain : List.of(segmentation, regression)) {
            String branch = chain.spec().branch();
            copyFact(chain.facts(), RETRAIN_STEPS, facts, RETRAIN_STEPS + "_" + branch);
            copyFact(chain.facts(), RETRAIN_PLATEAU, facts, RETRAIN_PLATEAU + "_" + branch);
        }
        return out;
    }

    private static void copyFact(Map<String, Double> from, String name, Map<String, Double> to, String as) {
        Double value = from.get(name);
        if (value != null) {
            to.put(as, value);
        }
    }

    /** Prunes (and retrains) into {@code out}; a cancelled sweep stops within a retraining step. */
    private Path prune(PruneConfig config, Path from, Path out, int round, BooleanSupplier cancelled)
            throws IOException {
        new PruneRun(config).cancelWhen(cancelled).run(from, out, command);
        return PruneRun.roundFile(out, round);
    }

    private static PruneConfig retrained(PruneConfig config, Recipe recipe, Path data, long seed) {
        return config.withSeed(seed).withPatience(recipe.patience()).withRetraining(data, recipe.epochs(),
                recipe.stepsPerEpoch(), recipe.retraining(), recipe.crop());
    }

    private Path modelOf(CellSpec spec) {
        return store.modelFile(store.read(spec.key()).orElseThrow(() -> new IllegalStateException(
                "parent cell " + spec.key() + " is not finished")));
    }

    private Path cellModel(CellSpec spec) {
        return store.models().resolve("cell-" + spec.key() + ".hpm");
    }

    /**
     * A step of a filter-importance chain: the previous step's model (the first step: the dense one) pruned to the
     * cell's fraction of the dense network's filters by its importance, then retrained as the recipe says.
     */
    private Path filterChainModel(CellSpec spec, Map<String, Double> facts, BooleanSupplier cancelled)
            throws IOException {
        if (spec.strategy().equals(CellSpec.DENSE)) {
            return denseModel;
        }
        Path from = spec.parents().isEmpty() ? denseModel : modelOf(spec.parents().get(0));
        return filterPruned(spec, from, Path.of(spec.data()), facts, cancelled);
    }

    /** {@code from} pruned to the cell's filter ratio of the dense widths, rounded and retrained by the recipe. */
    private Path filterPruned(CellSpec spec, Path from, Path data, Map<String, Double> facts,
            BooleanSupplier cancelled) throws IOException {
        Recipe recipe = spec.recipe();
        PruneConfig config = retrained(PruneConfig.filters(Strategy.parse(spec.strategy()), spec.filterRatio(), data)
                .withOfDenseWidths(true).withChannelMultiple(recipe.filterMultiple()), recipe, data, spec.seed());
        return retrainFacts(config, prune(config, from, cellModel(spec), 1, cancelled), facts);
    }

    /** Median seconds of {@link #TIMED_RUNS} predictions of a {@link #TIMED_SIDE}-pixel image. */
    private static double inferenceSeconds(UNetConfig architecture) {
        TilingOptions tiling = TilingOptions.forNetwork(architecture);
        double[] runs = new double[TIMED_RUNS];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = Benchmarks.inference(architecture, TIMED_SIDE, tiling, 1).seconds();
        }
        java.util.Arrays.sort(runs);
        return runs[runs.length / 2];
    }

    /**
     * The sample-size study: at filter ratio 0 a network of the dense model's architecture trained from scratch on
     * the cell's subset of the training images for the recipe's training steps (the best epoch on the held-out
     * images kept); at a ratio above 0 that network pruned by the cell's importance and fine-tuned on the subset.
     */
    private Path sampleSizeModel(CellSpec spec, Map<String, Double> facts, BooleanSupplier cancelled)
            throws IOException {
        Recipe recipe = spec.recipe();
        Path data = ImageSubsets.ensure(store.root().resolve("subsets"), Path.of(spec.data()), spec.sampleRatio(),
                spec.seed());
        try (java.util.stream.Stream<Path> files = Files.list(data)) {
            facts.put(TRAINING_IMAGES, (double) files.filter(f -> f.getFileName().toString().endsWith("_labels.png"))
                    .count());
        }
        if (spec.filterRatio() > 0) {
            return filterPruned(spec, modelOf(spec.parents().get(0)), data, facts, cancelled);
        }
        if (recipe.trainingSteps() < 1) {
            throw new IllegalArgumentException("the sample-size study trains from scratch: give training steps");
        }
        UNetConfig unet;
        try (NucleiModel dense = NucleiModel.load(denseModel)) {
            unet = dense.config();
        }
        Path out = cellModel(spec);
        int epochs = Math.max(1, recipe.trainingSteps() / recipe.stepsPerEpoch());
        TrainingConfig config = TrainingConfig.defaults(data, out).withUnet(unet)
                .withBudget(epochs, recipe.stepsPerEpoch(), 0).withCrop(recipe.crop()).withSeed(spec.seed())
                .withCommand(command);
        NucleiTrainer trainer = new NucleiTrainer();
        trainer.addListener(new org.histoprune.nn.TrainingListener() {
            @Override
            public void onStep(Step step) {
                if (cancelled.getAsBoolean()) {
                    trainer.cancel();
                }
            }
        });
        TrainingResult result = trainer.run(config);
        if (result.stop() == TrainingResult.Stop.CANCELLED) {
            throw new java.util.concurrent.CancellationException("training of sample-size cell " + spec.key());
        }
        if (result.stop() == TrainingResult.Stop.DIVERGED) {
            throw new TrainingDivergedException("training of sample-size cell " + spec.key(), result,
                    TrainingDivergedException.PRUNING_ADVICE);
        }
        facts.put(TRAINING_STEPS, (double) result.steps());
        Files.deleteIfExists(config.checkpoint());
        return out;
    }

    private CellResult result(CellSpec spec, CellResult.Status status, String message, String file,
            CellResult.Cost cost, Map<String, Double> facts, Map<String, Map<String, Double>> metrics, long start) {
        return new CellResult(spec.key(), spec, status, message, file, cost, facts, metrics,
                (System.nanoTime() - start) / 1e9, host(), Instant.now().toString());
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
