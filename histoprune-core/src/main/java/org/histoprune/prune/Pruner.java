package org.histoprune.prune;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.ModelWeights;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.PrunableTensor;

/**
 * Unstructured magnitude pruning of a model in place (Algorithm 1 of Mahbod, Entezari et al. 2022): each
 * {@link #step} masks the smallest weights still alive, network-wide (one threshold) or layer-wise (the same
 * fraction of every tensor), or keeps N of every M. The CR counts all prunable conv kernels; excluded first and
 * last layers stay dense and the others are pruned harder to make up. Impossible requests fail up front.
 */
public final class Pruner {
    private final NucleiModel model;
    private final ModelWeights weights;
    private final PruneConfig config;
    private final List<PrunableTensor> included = new ArrayList<>();
    private final long allWeights;
    private final long excludedWeights;

    public Pruner(NucleiModel model, PruneConfig config) {
        if (config.strategy().structured()) {
            throw new IllegalArgumentException(config.strategy().cliName() + " is filter pruning: use FilterPruner");
        }
        this.model = model;
        this.weights = model.weights();
        this.config = config;
        long all = 0;
        long excluded = 0;
        for (PrunableTensor tensor : weights.tensors()) {
            all += tensor.size();
            if (config.excludeFirstLast() && (tensor.first() || tensor.head())) {
                excluded += tensor.size();
            } else {
                included.add(tensor);
            }
        }
        this.allWeights = all;
        this.excludedWeights = excluded;
        checkFeasible();
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
        List<float[]> values = included.stream().map(weights::read).toList();
        List<BitSet> alive = included.stream().map(this::alive).toList();
        List<BitSet> kept = new ArrayList<>();
        long target = keptTarget(round);
        switch (config.strategy()) {
            case GLOBAL -> kept.addAll(MagnitudeSelection.topK(values, alive, target));
            case LAYERWISE -> {
                long[] quotas = MagnitudeSelection.quotas(sizes(), target);
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

    /** Weights of the included tensors alive after {@code round}, so that all conv weights reach CR^(-r/R). */
    private long keptTarget(int round) {
        return Math.round(allWeights * config.keptAfter(round)) - excludedWeights;
    }

    private void checkFeasible() {
        if (config.strategy() == Strategy.NM) {
            return;
        }
        long target = keptTarget(rounds());
        String cr = String.format(Locale.ROOT, "%.4g", config.compressionRatio());
        if (target < 1) {
            throw new InvalidInputException("CR " + cr + " is impossible: the dense first and last layers alone hold "
                    + excludedWeights + " of " + allWeights + " weights");
        }
        if (config.strategy() == Strategy.LAYERWISE) {
            long includedWeights = allWeights - excludedWeights;
            for (PrunableTensor tensor : included) {
                if ((double) tensor.size() * target / includedWeights < 1) {
                    long smallest = included.stream().mapToLong(PrunableTensor::size).min().orElseThrow();
                    throw new InvalidInputException("layer-wise CR " + cr + " would leave " + tensor.key() + " ("
                            + tensor.size() + " weights) with no weight; the smallest prunable tensor has " + smallest
                            + " weights, so layer-wise CR must stay below about that (use global pruning"
                            + (config.excludeFirstLast() ? ")" : " or exclude the first and last layer)"));
                }
            }
        }
    }

    private long[] sizes() {
        return included.stream().mapToLong(PrunableTensor::size).toArray();
    }

    private BitSet alive(PrunableTensor tensor) {
        return weights.mask(tensor).orElseGet(() -> {
            BitSet all = new BitSet((int) tensor.size());
            all.set(0, (int) tensor.size());
            return all;
        });
    }
}
