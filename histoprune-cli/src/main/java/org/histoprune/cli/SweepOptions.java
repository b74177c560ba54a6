package org.histoprune.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.histoprune.experiment.CellSpec;
import org.histoprune.experiment.Preset;
import org.histoprune.experiment.Recipe;
import org.histoprune.experiment.ResultStore;
import org.histoprune.experiment.SweepPlan;
import org.histoprune.io.InvalidInputException;
import org.histoprune.prune.PrunedBranches;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** What a sweep computes and where it keeps its cells: shared by {@code sweep} here and on a Spark cluster. */
public final class SweepOptions {
    @Option(names = "--study", defaultValue = "compression",
            description = "compression | filter-importance | sample-size (default: ${DEFAULT-VALUE}).")
    private String study;

    @Option(names = "--preset", defaultValue = "quick", description = "quick | standard | paper (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--model", description = "The trained dense model (CR 1; default: the model bundled in the jar).")
    private Path model;

    @Option(names = "--data", required = true, description = "Training data for retraining (a dataset folder).")
    private Path data;

    @Option(names = "--eval", required = true, description = "Evaluation set NAME=DIR (repeatable; e.g. monuseg-test=..., tnbc=...).")
    private Map<String, Path> evals = new LinkedHashMap<>();

    @Option(names = "--results", required = true, description = "Results folder (shared, resumable).")
    private Path results;

    @Option(names = "--strategies", split = ",", description = "Override: layerwise,global,nm,l1-filter,taylor.")
    private List<String> strategies;

    @Option(names = "--max-cr", description = "Override: largest CR (a power of 2; all powers of 2 up to it).")
    private Integer maxCr;

    @Option(names = "--seeds", split = ",", description = "Override: retraining seeds (repeat cells for error bars).")
    private List<Long> seeds;

    @Option(names = "--branch", description = "Override: segmentation | regression | both (default both: each branch"
            + " pruned in its own chain, merged per CR as in the paper).")
    private String branch;

    @Option(names = "--patience", description = "Override: stop a round's retraining after this many epochs without"
            + " a better held-out loss (0 = always all --epochs).")
    private Integer patience;

    @Option(names = "--one-shot", description = "Prune each CR from the dense model in one round.")
    private boolean oneShot;

    @Option(names = "--exclude-first-last", description = "Keep the first conv and the heads dense (magnitude pruning).")
    private boolean excludeFirstLast;

    @Option(names = "--rewind", description = "Retrain with learning-rate rewinding instead of fine-tuning.")
    private boolean rewind;

    @Option(names = "--epochs", description = "Override: retraining epochs per round (the cap with --patience).")
    private Integer epochs;

    @Option(names = "--steps-per-epoch", description = "Override: steps per retraining epoch.")
    private Integer stepsPerEpoch;

    @Option(names = "--crop", description = "Override: training crop side.")
    private Integer crop;

    @Option(names = "--eval-tile", description = "Override: prediction tile side.")
    private Integer evalTile;

    @Option(names = "--filter-ratios", split = ",", description = "Override (filter-importance, sample-size): fractions"
            + " of the dense network's filters removed (filter-importance: the steps of each chain).")
    private List<Double> filterRatios;

    @Option(names = "--fractions", split = ",", description = "Override (sample-size): fractions of the training"
            + " images in the nested subsets.")
    private List<Double> fractions;

    @Option(names = "--channel-multiple", description = "Override (filter studies): round kept filter counts to this"
            + " multiple (1 = none; filter-importance default 8).")
    private Integer channelMultiple;

    @Option(names = "--training-steps", description = "Override (sample-size): steps of each from-scratch training.")
    private Integer trainingSteps;

    private SweepPlan plan(CommandSpec spec) {
        CellSpec.Study kind = switch (study) {
            case "compression" -> CellSpec.Study.COMPRESSION;
            case "sample-size" -> CellSpec.Study.SAMPLE_SIZE;
            case "filter-importance" -> CellSpec.Study.FILTER_IMPORTANCE;
            default -> throw new InvalidInputException("unknown study '" + study
                    + "': compression, filter-importance or sample-size");
        };
        Preset chosen;
        try {
            chosen = Preset.parse(preset);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown preset '" + preset + "': quick, standard or paper");
        }
        SweepPlan plan = chosen.plan(kind);
        Recipe recipe = plan.recipe();
        try {
            recipe = epochs != null ? recipe.withEpochs(epochs) : recipe;
            recipe = stepsPerEpoch != null ? recipe.withStepsPerEpoch(stepsPerEpoch) : recipe;
            recipe = crop != null ? recipe.withCrop(crop) : recipe;
            recipe = evalTile != null ? recipe.withEvalTile(evalTile) : recipe;
            recipe = excludeFirstLast ? recipe.withExcludeFirstLast(true) : recipe;
            recipe = rewind ? recipe.withRewind(true) : recipe;
            recipe = patience != null ? recipe.withPatience(patience) : recipe;
            recipe = channelMultiple != null ? recipe.withChannelMultiple(channelMultiple) : recipe;
            recipe = trainingSteps != null ? recipe.withTrainingSteps(trainingSteps) : recipe;
            plan = plan.withRecipe(recipe).withOneShot(oneShot || plan.oneShot());
            plan = strategies != null ? plan.withStrategies(strategies) : plan;
            plan = maxCr != null ? plan.withCrs(SweepPlan.powersOfTwo(maxCr)) : plan;
            plan = seeds != null ? plan.withSeeds(seeds) : plan;
            plan = branch != null ? plan.withBranches(PrunedBranches.parse(branch)) : plan;
            plan = filterRatios != null ? plan.withFilterRatios(filterRatios) : plan;
            plan = fractions != null ? plan.withSampleRatios(fractions) : plan;
            plan.strategies().forEach(org.histoprune.prune.Strategy::parse);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return plan;
    }

    public Path results() {
        return results;
    }

    /** The dense model: --model, or the jar's model copied once into the results folder. */
    public Path denseModel(ResultStore store) throws IOException {
        return model != null ? requireFile(model) : bundledModel(store);
    }

    /** The cells of the chosen study and overrides; bad choices are usage errors, missing folders bad input. */
    public List<CellSpec> grid(Path denseModel, CommandSpec spec) throws IOException {
        return plan(spec).cells(denseModel, requireDir(data), checkedEvals());
    }

    /** The jar's model, copied once into the results folder so that every worker hashes the same file. */
    private static Path bundledModel(ResultStore store) throws IOException {
        Path copy = store.models().resolve("bundled-dense.hpm");
        if (!Files.isRegularFile(copy) && !org.histoprune.nn.NucleiModel.copyBundled(copy)) {
            throw new InvalidInputException("this build bundles no model: give --model");
        }
        return copy;
    }

    private Map<String, Path> checkedEvals() {
        evals.values().forEach(SweepOptions::requireDir);
        return evals;
    }

    private static Path requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "no such model file");
        }
        return file;
    }

    private static Path requireDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir, "no such folder");
        }
        return dir;
    }
}
