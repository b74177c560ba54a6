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
import org.histoprune.nn.UNetConfig;

/**
 * Structured pruning: removes whole output filters of every conv but the head, ranked by the L1 norm of their
 * weights or by Taylor importance, into a physically smaller network. Convs whose outputs are summed (the
 * residual connections of the ResNet-34 encoder, {@link UNetConfig#channelGroups()}) form one dependency group
 * (Torch-Pruning's DepGraph): a channel's importance is the mean of its members' scores and it goes from all of
 * them or none. Both branches share one architecture, so a group keeps the same number of filters in each (each
 * branch its own best ones). With a global ranking, filters are paired across branches by rank; a pair scores
 * the mean of its two scores, each normalised by its group's L2 norm (Molchanov et al.), and the lowest pairs
 * network-wide go. Every group keeps at least one filter; with a channel multiple above 1, kept counts are rounded
 * to the nearest multiple (at least one multiple, at most the width), the channel block of the CPU's kernels.
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

    /** Kept filter indices (ascending) per branch and per conv before the head; equal within a group. */
    public Map<Branch, List<int[]>> keptFilters() throws IOException {
        List<int[]> groups = model.config().channelGroups();
        Map<Branch, List<float[]>> groupScores = new EnumMap<>(Branch.class);
        for (Branch branch : Branch.values()) {
            groupScores.put(branch, groupScores(branch, groups));
        }
        int[] counts = config.globalRanking() ? globalCounts(groupScores) : perGroupCounts(groups);
        Map<Branch, List<int[]>> kept = new EnumMap<>(Branch.class);
        for (Branch branch : Branch.values()) {
            int[][] perLayer = new int[model.config().layerNames().size()][];
            for (int g = 0; g < groups.size(); g++) {
                int[] best = best(groupScores.get(branch).get(g), roundedCount(counts[g], groups.get(g)));
                for (int layer : groups.get(g)) {
                    perLayer[layer] = best;
                }
            }
            kept.put(branch, List.of(perLayer));
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

    /** Per group, the mean of its members' scores of each channel. */
    private List<float[]> groupScores(Branch branch, List<int[]> groups) throws IOException {
        Map<String, float[]> importance = importance();
        List<String> names = model.config().layerNames();
        List<float[]> result = new ArrayList<>();
        for (int[] group : groups) {
            float[] mean = null;
            for (int layer : group) {
                float[] score = importance.get(branch.key() + "/" + names.get(layer));
                mean = mean == null ? new float[score.length] : mean;
                for (int c = 0; c < score.length; c++) {
                    mean[c] += score[c] / group.length;
                }
            }
            result.add(mean);
        }
        return result;
    }

    private int width(int[] group) {
        return model.config().filters(group[0]);
    }

    /** Kept filters per group: of its own width, or of the dense network's width (never more than it has). */
    private int[] perGroupCounts(List<int[]> groups) {
        UNetConfig dense = model.config().dense();
        return groups.stream().mapToInt(g -> {
            int reference = config.ofDenseWidths() ? dense.filters(g[0]) : width(g);
            return Math.min(width(g), Math.max(1, reference - (int) Math.round(config.filterRatio() * reference)));
        }).toArray();
    }

    /** {@code count} rounded to the nearest multiple of the channel multiple, within [multiple, width]. */
    private int roundedCount(int count, int[] group) {
        int multiple = config.channelMultiple();
        int rounded = Math.max(multiple, (int) Math.round((double) count / multiple) * multiple);
        return Math.min(width(group), rounded);
    }

    private int[] globalCounts(Map<Branch, List<float[]>> groupScores) {
        record Pair(int group, int rank, double score) {
        }
        List<float[]> segmentation = groupScores.get(Branch.SEGMENTATION);
        List<float[]> regression = groupScores.get(Branch.REGRESSION);
        List<Pair> pairs = new ArrayList<>();
        int total = 0;
        int[] counts = new int[segmentation.size()];
        for (int g = 0; g < counts.length; g++) {
            double[] seg = normalisedDescending(segmentation.get(g));
            double[] reg = normalisedDescending(regression.get(g));
            for (int k = 0; k < seg.length; k++) {
                pairs.add(new Pair(g, k, (seg[k] + reg[k]) / 2));
            }
            total += seg.length;
            counts[g] = seg.length;
        }
        int remove = (int) Math.round(config.filterRatio() * total);
        pairs.sort(Comparator.comparingDouble(Pair::score));
        for (Pair pair : pairs) {
            if (remove == 0) {
                break;
            }
            if (pair.rank() > 0) { // the best filter of each group stays
                counts[pair.group()]--;
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
