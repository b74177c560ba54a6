package org.histoprune.prune;

import java.util.List;
import java.util.Map;
import org.histoprune.nn.Branch;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.PrunableTensor;
import org.histoprune.nn.UNetConfig;

/**
 * Size and compute of a masked or shrunk model, per conv and in total. FLOPs count the convolutions (2 per
 * multiply-accumulate, a pruned weight costs nothing) of both branches; {@code referenceMacsPerPixel} is the
 * dense, unshrunk network of the same base and depth, so speedup = reference / remaining compute.
 */
public record ModelCost(List<LayerCost> layers, long parameters, long prunedWeights, double referenceMacsPerPixel) {
    /** The side of the square tile FLOPs are quoted for (the training crop). */
    public static final int TILE = 256;

    public ModelCost {
        layers = List.copyOf(layers);
    }

    public static ModelCost of(NucleiModel model) {
        var weights = model.weights();
        return of(model, weights.tensors().stream().collect(java.util.stream.Collectors.toMap(
                PrunableTensor::key, weights::alive)));
    }

    /** The cost the model would have with the given alive counts per tensor key (others as they are now). */
    static ModelCost of(NucleiModel model, Map<String, Long> alive) {
        var weights = model.weights();
        List<LayerCost> layers = weights.tensors().stream()
                .map(t -> new LayerCost(t, alive.getOrDefault(t.key(), weights.alive(t)))).toList();
        long parameters = 0;
        for (Branch branch : Branch.values()) {
            parameters += model.parameterCount(branch);
        }
        long pruned = layers.stream().mapToLong(l -> l.tensor().size() - l.alive()).sum();
        UNetConfig reference = model.config().dense();
        return new ModelCost(layers, parameters - pruned, pruned, Branch.values().length * reference.macsPerPixel());
    }

    public long convWeights() {
        return layers.stream().mapToLong(l -> l.tensor().size()).sum();
    }

    public long aliveWeights() {
        return layers.stream().mapToLong(LayerCost::alive).sum();
    }

    /** Fraction of all prunable conv weights that are pruned. */
    public double sparsity() {
        return 1 - (double) aliveWeights() / convWeights();
    }

    public double macsPerPixel() {
        return layers.stream().mapToDouble(LayerCost::macsPerPixel).sum();
    }

    /** FLOPs of both branches on one {@link #TILE}x{@link #TILE} tile. */
    public double flopsPerTile() {
        return 2 * macsPerPixel() * TILE * TILE;
    }

    public double referenceFlopsPerTile() {
        return 2 * referenceMacsPerPixel * TILE * TILE;
    }

    /** Theoretical speedup: dense FLOPs / remaining FLOPs. */
    public double speedup() {
        return referenceMacsPerPixel / macsPerPixel();
    }
}
