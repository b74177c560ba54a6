package org.histoprune.prune;

import java.util.ArrayList;
import java.util.List;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.NucleiModel;

/**
 * The seed paper's Table 1 for our architecture: theoretical speedup (dense FLOPs / remaining FLOPs) of
 * magnitude pruning at CR 2..512, network-wide and layer-wise, from a model's weights. Without retraining the
 * iterative schedule prunes exactly what one cut at the final CR prunes, so one cut per CR is computed.
 * Layer-wise entries are empty where a layer would lose every weight.
 */
public final class SpeedupTable {
    public static final List<Integer> RATIOS = List.of(2, 4, 8, 16, 32, 64, 128, 256, 512);
    /** Mahbod, Entezari et al. 2022, Table 1 (ResNet-34 U-Net); null where impossible. */
    public static final List<Double> PAPER_NETWORK_WIDE = List.of(1.49, 2.13, 3.07, 4.46, 6.59, 9.90, 15.01, 23.80,
            45.02);
    public static final List<Double> PAPER_LAYER_WISE = java.util.Arrays.asList(1.99, 3.99, 7.97, 15.89, 31.57,
            62.27, 121.18, null, null);

    /** Speedups at one CR; a null entry means impossible. */
    public record Row(int compressionRatio, Double networkWide, Double layerWise, Double layerWiseDenseEnds,
            Double paperNetworkWide, Double paperLayerWise) {
    }

    private SpeedupTable() {
    }

    public static List<Row> of(NucleiModel model) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < RATIOS.size(); i++) {
            int cr = RATIOS.get(i);
            rows.add(new Row(cr, speedup(model, PruneConfig.magnitude(Strategy.GLOBAL, cr)),
                    speedup(model, PruneConfig.magnitude(Strategy.LAYERWISE, cr)),
                    speedup(model, PruneConfig.magnitude(Strategy.LAYERWISE, cr).withExcludeFirstLast(true)),
                    PAPER_NETWORK_WIDE.get(i), PAPER_LAYER_WISE.get(i)));
        }
        return rows;
    }

    private static Double speedup(NucleiModel model, PruneConfig config) {
        try {
            return new Pruner(model, config.withOneShot(true)).plan().after().speedup();
        } catch (InvalidInputException impossible) {
            return null;
        }
    }
}
