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
import org.histoprune.nn.Branch;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.NucleiTrainer;
import org.histoprune.nn.Provenance;
import org.histoprune.nn.TrainingConfig;
import org.histoprune.nn.TrainingResult;
import org.histoprune.nn.UNetConfig;
import org.histoprune.prune.ModelCost;
import org.histoprune.prune.PruneConfig;
import org.histoprune.prune.PruneRun;
import org.histoprune.prune.PrunedBranches;
import org.histoprune.prune.Retraining;
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
            model = spec.study() == CellSpec.Study.SAMPLE_SIZE ? sampleSizeModel(spec, facts)
                    : compressionModel(spec, facts, cancelled);
        } catch (TrainingDivergedException e) {
            return result(spec, CellResult.Status.DIVERGED, e.getMessage(), null, null, facts, Map.of(), start);
        } catch (InvalidInputException e) {
            if (!e.getMessage().contains("impossible") && !e.getMessage().contains("would leave")) {
                throw e;
            }
            return result(spec, CellResult.Status.INFEASIBLE, e.getMessage(), null, null, facts, Map.of(), start);
        }
        Evaluator evaluator = new Evaluator(spec.recipe().evalTile(), spec.study() == CellSpec.Study.COMPRESSION);
        Map<String, Map<String, Double>> metrics = evaluator.evaluate(model, spec.evals(), cancelled);
        ModelCost cost;
        try (NucleiModel loaded = NucleiModel.load(model)) {
            cost = ModelCost.of(loaded);
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
        Path model = prune(config, from, out, round, cancelled);
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
                recipe.stepsPerEpoch(), recipe.rewind() ? Retraining.REWIND : Retraining.FINE_TUNE, recipe.crop());
    }

    private Path modelOf(CellSpec spec) {
        return store.modelFile(store.read(spec.key()).orElseThrow(() -> new IllegalStateException(
                "parent cell " + spec.key() + " is not finished")));
    }

    private Path cellModel(CellSpec spec) {
        return store.models().resolve("cell-" + spec.key() + ".hpm");
    }

    /**
     * The sample-size study: L1 filter pruning of the dense model by the cell's ratio, then training on
     * r x (trainable parameters of the pruned segmentation branch) labelled pixels, cut into crops.
     */
    private Path sampleSizeModel(CellSpec spec, Map<String, Double> facts) throws IOException {
        Recipe recipe = spec.recipe();
        Path pruned = store.models().resolve("cell-" + spec.key() + ".pruned.hpm");
        if (spec.filterRatio() > 0) {
            PruneConfig config = PruneConfig.filters(Strategy.L1_FILTER, spec.filterRatio(), null);
            pruned = prune(config, denseModel, pruned, 1, () -> false);
        } else {
            try (NucleiModel dense = NucleiModel.load(denseModel)) {
                dense.setProvenance(new Provenance(dense.provenance().data(), command, 0, 0, 0, Map.of(),
                        Instant.now().toString()));
                dense.save(pruned);
            }
        }
        long parameters;
        UNetConfig unet;
        try (NucleiModel model = NucleiModel.load(pruned)) {
            parameters = model.parameterCount(Branch.SEGMENTATION);
            unet = model.config();
        }
        long patches = Math.max(1, Math.round(spec.sampleRatio() * parameters));
        int crops = (int) Math.max(1, (patches + (long) recipe.crop() * recipe.crop() - 1)
                / ((long) recipe.crop() * recipe.crop()));
        facts.put("trainable_parameters", (double) parameters);
        facts.put("patches", (double) patches);
        facts.put("crops", (double) crops);
        if (recipe.epochs() == 0) {
            return pruned;
        }
        Path subsets = store.root().resolve("subsets");
        Files.createDirectories(subsets);
        Path data = PatchSubsets.ensure(subsets, Path.of(spec.data()), spec.modelSha().substring(0, 8),
                recipe.crop(), spec.seed(), crops);
        Path out = cellModel(spec);
        TrainingConfig defaults = TrainingConfig.defaults(data, out);
        TrainingConfig config = new TrainingConfig(data, out, unet, recipe.epochs(),
                Math.max(1, (crops + defaults.batch() - 1) / defaults.batch()), 0, defaults.batch(), recipe.crop(),
                defaults.learningRate(), defaults.finalLearningRate(), 0, spec.seed(), true, pruned, command);
        TrainingResult result = new NucleiTrainer().run(config);
        if (result.stop() == TrainingResult.Stop.DIVERGED) {
            throw new TrainingDivergedException("training of sample-size cell " + spec.key(), result,
                    TrainingDivergedException.PRUNING_ADVICE);
        }
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
