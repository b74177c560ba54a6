package org.histoprune.prune;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.Branch;
import org.histoprune.nn.ModelWeights;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.PrunableTensor;

/**
 * Unstructured magnitude pruning of a model in place (Algorithm 1 of Mahbod, Entezari et al. 2022): each
 * {@link #step} masks the smallest weights still alive, network-wide (one threshold) or layer-wise (the same
 * fraction of every tensor), or keeps N of every M. Only the configured branches are pruned, each on its own: its
 * CR counts that branch's conv kernels and network-wide ranking never compares weights of the two branches
 * (the paper prunes its two networks separately). Excluded first and last layers stay dense and the others are
 * pruned harder to make up. Impossible requests fail up front.
 */
public final class Pruner {
    private final NucleiModel model;
    private final ModelWeights weights;
    private final PruneConfig config;
    private final List<BranchWeights> pruned = new ArrayList<>();

    /** The tensors of one pruned branch that are pruned, and the weight counts its CR is measured on. */
    private record BranchWeights(Branch branch, List<PrunableTensor> included, long allWeights, long excludedWeights) {
        /** Weights of the included tensors alive after {@code round}, so the branch's conv weights reach CR^(-r/R). */
        long keptTarget(PruneConfig config, int round) {
            return Math.round(allWeights * config.keptAfter(round)) - excludedWeights;
        }

        long[] sizes() {
            return included.stream().mapToLong(PrunableTensor::size).toArray();
        }
    }

    public Pruner(NucleiModel model, PruneConfig config) {
        if (config.strategy().structured()) {
            throw new IllegalArgumentException(config.strategy().cliName() + " is filter pruning: use FilterPruner");
        }
        this.model = model;
        this.weights = model.weights();
        this.config = config;
        for (Branch branch : config.branches().branches()) {
            long all = 0;
            long excluded = 0;
            List<PrunableTensor> included = new ArrayList<>();
            for (PrunableTensor tensor : weights.tensors(branch)) {
                all += tensor.size();
                if (config.excludeFirstLast() && (tensor.first() || tensor.head())) {
                    excluded += tensor.size();
                } else {
                    included.add(tensor);
                }
            }
            pruned.add(new BranchWeights(branch, List.copyOf(included), all, excluded));
        }
        pruned.forEach(this::checkFeasible);
    }

    public int rounds() {
        return config.rounds();
    }

    /** The cost now and after the last round, without changing the model. */
    public PrunePlan plan() {
        Map<String, Long> alive = new LinkedHashMap<>();
        masksFor(rounds()).forEach((tensor, keep) -> alive.put(tensor.key(), (long) keep.cardinality()));
        return new PrunePlan(config, rounds(), ModelCost.of(model), ModelCost.of(model, alive));
    }

    /** Applies the masks of {@code round} (1-based) to the model and returns its cost afterwards. */
    public ModelCost step(int round) {
        if (round < 1 || round > rounds()) {
            throw new IllegalArgumentException("round must be 1.." + rounds() + ", got " + round);
        }
        masksFor(round).forEach(weights::setMask);
        return ModelCost.of(model);
    }

    private Map<PrunableTensor, BitSet> masksFor(int round) {
        Map<PrunableTensor, BitSet> masks = new LinkedHashMap<>();
        for (BranchWeights branch : pruned) {
            masks.putAll(masksFor(branch, round));
        }
        return masks;
    }

    /** One branch's masks: network-wide ranking and layer-wise quotas both stay within the branch. */
    private Map<PrunableTensor, BitSet> masksFor(BranchWeights branch, int round) {
        List<PrunableTensor> included = branch.included();
        List<float[]> values = included.stream().map(weights::read).toList();
        List<BitSet> alive = included.stream().map(this::alive).toList();
        List<BitSet> kept = new ArrayList<>();
        long target = branch.keptTarget(config, round);
        switch (config.strategy()) {
            case GLOBAL -> kept.addAll(MagnitudeSelection.topK(values, alive, target));
            case LAYERWISE -> {
                long[] quotas = MagnitudeSelection.quotas(branch.sizes(), target);
                for (int t = 0; t < included.size(); t++) {
                    kept.add(MagnitudeSelection.topK(values.get(t), alive.get(t), quotas[t]));
                }
            }
            case NM -> {
                for (int t = 0; t < included.size(); t++) {
                    BitSet keep = MagnitudeSelection.nOfM(values.get(t), included.get(t).filterSize(), config.n(),
                            config.m());
                    keep.and(alive.get(t));
                    kept.add(keep);
                }
            }
            default -> throw new IllegalStateException(config.strategy().toString());
        }
        Map<PrunableTensor, BitSet> masks = new LinkedHashMap<>();
        for (int t = 0; t < included.size(); t++) {
            masks.put(included.get(t), kept.get(t));
        }
        return masks;
    }

    private void checkFeasible(BranchWeights branch) {
        if (config.strategy() == Strategy.NM) {
            return;
        }
        long target = branch.keptTarget(config, rounds());
        String cr = String.format(Locale.ROOT, "%.4g", config.compressionRatio());
        String name = branch.branch().key();
        if (target < 1) {
            throw new InvalidInputException("CR " + cr + " is impossible: the dense first and last layers alone hold "
                    + branch.excludedWeights() + " of the " + branch.allWeights() + " weights of the " + name
                    + " branch");
        }
        if (config.strategy() == Strategy.LAYERWISE) {
            long includedWeights = branch.allWeights() - branch.excludedWeights();
            for (PrunableTensor tensor : branch.included()) {
                if ((double) tensor.size() * target / includedWeights < 1) {
                    long smallest = branch.included().stream().mapToLong(PrunableTensor::size).min().orElseThrow();
                    throw new InvalidInputException("layer-wise CR " + cr + " would leave " + tensor.key() + " ("
                            + tensor.size() + " weights) with no weight; the smallest prunable tensor has " + smallest
                            + " weights, so layer-wise CR must stay below about that (use global pruning"
                            + (config.excludeFirstLast() ? ")" : " or exclude the first and last layer)"));
                }
            }
        }
    }

    private BitSet alive(PrunableTensor tensor) {
        return weights.mask(tensor).orElseGet(() -> {
            BitSet all = new BitSet((int) tensor.size());
            all.set(0, (int) tensor.size());
            return all;
        });
    }
}
