package org.histoprune.prune;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.histoprune.nn.Branch;
import org.histoprune.nn.FilterSurgery;
import org.histoprune.nn.GateImportance;
import org.histoprune.nn.ModelWeights;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.PrunableTensor;

/**
 * Structured pruning: removes whole output filters of every conv but the head, ranked by the L1 norm of their
 * weights or by Taylor importance, into a physically smaller network. Both branches share one architecture,
 * so a layer keeps the same number of filters in each (each branch its own best ones). With a global ranking,
 * filters are paired across branches by rank; a pair scores the mean of its two scores, each normalised by its
 * layer's L2 norm (Molchanov et al.), and the lowest pairs network-wide go. Every layer keeps at least one filter.
 */
public final class FilterPruner {
    private final NucleiModel model;
    private final PruneConfig config;
    private final ModelWeights weights;
    private Map<String, float[]> scores;

    public FilterPruner(NucleiModel model, PruneConfig config) {
        if (!config.strategy().structured()) {
            throw new IllegalArgumentException(config.strategy().cliName() + " is not filter pruning: use Pruner");
        }
        this.model = model;
        this.config = config;
        this.weights = model.weights();
    }

    /** The importance of every filter, keyed by tensor key (measured once: Taylor runs the network on data). */
    public Map<String, float[]> importance() throws IOException {
        if (scores == null) {
            scores = config.strategy() == Strategy.TAYLOR
                    ? GateImportance.measure(model, config.data(), config.taylorBatches(), config.crop(), config.seed())
                    : l1Norms();
        }
        return scores;
    }

    /** Kept filter indices (ascending) per branch and per conv before the head. */
    public Map<Branch, List<int[]>> keptFilters() throws IOException {
        Map<String, float[]> importance = importance();
        List<PrunableTensor> layers = weights.tensors(Branch.SEGMENTATION).stream().filter(t -> !t.head()).toList();
        int[] counts = config.globalRanking() ? globalCounts(layers, importance) : perLayerCounts(layers);
        Map<Branch, List<int[]>> kept = new EnumMap<>(Branch.class);
        for (Branch branch : Branch.values()) {
            List<int[]> perLayer = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                float[] score = importance.get(branch.key() + "/" + layers.get(i).layer());
                perLayer.add(best(score, counts[i]));
            }
            kept.put(branch, perLayer);
        }
        return kept;
    }

    /** Cost before and after, by building the smaller network. */
    public PrunePlan plan() throws IOException {
        try (NucleiModel small = step()) {
            return new PrunePlan(config, 1, ModelCost.of(model), ModelCost.of(small));
        }
    }

    /** The smaller network (a new model to close; the original is unchanged). */
    public NucleiModel step() throws IOException {
        return FilterSurgery.shrink(model, keptFilters());
    }

    private int[] perLayerCounts(List<PrunableTensor> layers) {
        return layers.stream().mapToInt(t -> Math.max(1, t.outChannels() - (int) Math.round(config.filterRatio()
                * t.outChannels()))).toArray();
    }

    private int[] globalCounts(List<PrunableTensor> layers, Map<String, float[]> importance) {
        record Pair(int layer, int rank, double score) {
        }
        List<Pair> pairs = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < layers.size(); i++) {
            double[] seg = normalisedDescending(importance.get(Branch.SEGMENTATION.key() + "/" + layers.get(i).layer()));
            double[] reg = normalisedDescending(importance.get(Branch.REGRESSION.key() + "/" + layers.get(i).layer()));
            for (int k = 0; k < seg.length; k++) {
                pairs.add(new Pair(i, k, (seg[k] + reg[k]) / 2));
            }
            total += seg.length;
        }
        int[] counts = new int[layers.size()];
        Arrays.setAll(counts, i -> layers.get(i).outChannels());
        int remove = (int) Math.round(config.filterRatio() * total);
        pairs.sort(Comparator.comparingDouble(Pair::score));
        for (Pair pair : pairs) {
            if (remove == 0) {
                break;
            }
            if (pair.rank() > 0) { // the best filter of each layer stays
                counts[pair.layer()]--;
                remove--;
            }
        }
        return counts;
    }

    private static double[] normalisedDescending(float[] scores) {
        double norm = 0;
        for (float s : scores) {
            norm += (double) s * s;
        }
        double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        double[] sorted = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            sorted[i] = -scores[i] * scale;
        }
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = -sorted[i];
        }
        return sorted;
    }

    /** The indices of the {@code count} highest scores, ascending. */
    private static int[] best(float[] score, int count) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(score[b], score[a]));
        return Arrays.stream(order, 0, count).mapToInt(Integer::intValue).sorted().toArray();
    }

    private Map<String, float[]> l1Norms() {
        Map<String, float[]> norms = new LinkedHashMap<>();
        for (PrunableTensor tensor : weights.tensors()) {
            if (tensor.head()) {
                continue;
            }
            float[] values = weights.read(tensor);
            float[] norm = new float[tensor.outChannels()];
            for (int i = 0; i < values.length; i++) {
                norm[i / tensor.filterSize()] += Math.abs(values[i]);
            }
            norms.put(tensor.key(), norm);
        }
        return norms;
    }
}
