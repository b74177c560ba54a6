package org.histoprune.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.histoprune.prune.PrunedBranches;
import org.histoprune.prune.Strategy;

/**
 * Everything that determines one cell's result, and nothing else: the study, the pruning strategy and
 * compression ratio (CR 1 = the dense model), for the filter studies the fraction of the dense network's filters
 * removed ({@code filterRatio}), for the sample-size study the fraction of the training images ({@code sampleRatio}),
 * the seed, the recipe, the dense model's content hash, the training data, the evaluation sets (none: the cell only
 * produces a model for others), the pruned branch ({@link PrunedBranches#cliName()}) and, for the filter-importance
 * study, the filter ratios of the iterative chain the cell belongs to ({@code chainRatios}; left out of the key when
 * empty, so that cells of the other studies keep their keys). A magnitude cell of branch {@code both} is the
 * paper's merge: the segmentation and the regression branch, each pruned in its own chain to the same CR, in one
 * model. Its {@link #key()} (a hash of this value) names the cell's result file.
 */
public record CellSpec(Study study, String strategy, int cr, boolean oneShot, double filterRatio, double sampleRatio,
        long seed, Recipe recipe, String modelSha, String data, Map<String, String> evals, String branch,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Double> chainRatios) {
    /** A cell outside an iterative filter chain. */
    public CellSpec(Study study, String strategy, int cr, boolean oneShot, double filterRatio, double sampleRatio,
            long seed, Recipe recipe, String modelSha, String data, Map<String, String> evals, String branch) {
        this(study, strategy, cr, oneShot, filterRatio, sampleRatio, seed, recipe, modelSha, data, evals, branch,
                List.of());
    }

    /** A cell of both branches. */
    public CellSpec(Study study, String strategy, int cr, boolean oneShot, double filterRatio, double sampleRatio,
            long seed, Recipe recipe, String modelSha, String data, Map<String, String> evals) {
        this(study, strategy, cr, oneShot, filterRatio, sampleRatio, seed, recipe, modelSha, data, evals,
                PrunedBranches.BOTH.cliName());
    }

    /** Strategy name of the CR 1 cell, shared by every strategy of a sweep. */
    public static final String DENSE = "dense";

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    public CellSpec {
        if (study == null || strategy == null || recipe == null || modelSha == null || data == null) {
            throw new IllegalArgumentException("study, strategy, recipe, model and data are required");
        }
        if (cr < 1) {
            throw new IllegalArgumentException("CR must be >= 1, got " + cr);
        }
        evals = Map.copyOf(new TreeMap<>(evals));
        branch = PrunedBranches.parse(branch == null ? PrunedBranches.BOTH.cliName() : branch).cliName();
        chainRatios = chainRatios == null ? List.of() : List.copyOf(chainRatios);
        if (!chainRatios.isEmpty() && !chainRatios.contains(filterRatio)) {
            throw new IllegalArgumentException("filter ratio " + filterRatio + " is not a step of its chain "
                    + chainRatios);
        }
    }

    public PrunedBranches branches() {
        return PrunedBranches.parse(branch);
    }

    /** Whether this cell merges two single-branch chains (magnitude pruning of both branches, CR > 1). */
    public boolean merged() {
        return study == Study.COMPRESSION && cr > 1 && branches() == PrunedBranches.BOTH
                && !Strategy.parse(strategy).structured();
    }

    /** The stable identity: the first 16 hex digits of SHA-256 over the canonical JSON of this spec. */
    public String key() {
        return hash(this);
    }

    /**
     * The cells this one needs finished first: for a merged cell the two single-branch cells of the same CR; for
     * an iterative chain the cell at CR/2 of the same chain. CR 2, one-shot and dense cells start from the dense
     * model file and need none. A filter-importance cell needs the previous step of its chain (the first step
     * prunes the dense model); a pruned sample-size cell needs the network trained on its subset (its ratio 0 cell).
     */
    public List<CellSpec> parents() {
        if (study == Study.FILTER_IMPORTANCE) {
            int step = chainRatios.indexOf(filterRatio);
            return step > 0 ? List.of(withFilterRatio(chainRatios.get(step - 1))) : List.of();
        }
        if (study == Study.SAMPLE_SIZE) {
            return filterRatio > 0 ? List.of(withFilterRatio(0)) : List.of();
        }
        if (cr == 1) {
            return List.of();
        }
        if (merged()) {
            return List.of(chainCell(PrunedBranches.SEGMENTATION), chainCell(PrunedBranches.REGRESSION));
        }
        if (oneShot || cr == 2) {
            return List.of();
        }
        return List.of(withCr(cr / 2));
    }

    /** The unscored cell of one branch's chain at this cell's CR (a merged cell's parent). */
    CellSpec chainCell(PrunedBranches pruned) {
        return new CellSpec(study, strategy, cr, oneShot, filterRatio, sampleRatio, seed, recipe, modelSha, data,
                Map.of(), pruned.cliName(), chainRatios);
    }

    /** The CR 1 cell of this spec's sweep. */
    public CellSpec dense() {
        return new CellSpec(study, DENSE, 1, false, 0, 0, 0, recipe, modelSha, data, evals,
                PrunedBranches.BOTH.cliName());
    }

    public CellSpec withCr(int value) {
        return new CellSpec(study, strategy, value, oneShot, filterRatio, sampleRatio, seed, recipe, modelSha, data,
                evals, branch, chainRatios);
    }

    public CellSpec withFilterRatio(double value) {
        return new CellSpec(study, strategy, cr, oneShot, value, sampleRatio, seed, recipe, modelSha, data, evals,
                branch, chainRatios);
    }

    /**
     * The unit of work this cell belongs to: its strategy and seed at CR 1, both branches, no evaluation sets. The
     * two branch chains and their merged cells form one unit, since a merged cell needs both chains' models; a
     * filter chain is one unit, and so are the cells of one sample-size subset.
     */
    public CellSpec unit() {
        return new CellSpec(study, strategy, 1, oneShot, 0, sampleRatio, seed, recipe, modelSha, data, Map.of(),
                PrunedBranches.BOTH.cliName());
    }

    /** Identity of the iterative chain this cell belongs to (the spec without its CR). */
    String chainKey() {
        return hash(withCr(1));
    }

    private static String hash(CellSpec spec) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(spec);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Which experiment a cell belongs to. */
    public enum Study {
        /** Mahbod, Entezari et al.: metrics against compression ratio per strategy. */
        COMPRESSION,
        /**
         * The L1 filter-pruning paper's question: networks trained from scratch on nested subsets of the training
         * images, each L1-pruned at a grid of ratios and fine-tuned on its subset.
         */
        SAMPLE_SIZE,
        /** The TaylorFO paper's study: iterative filter pruning by Taylor and by L1 importance, 10..90 %. */
        FILTER_IMPORTANCE
    }
}
