package org.histoprune.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.PrunableTensor;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;

/** Pruning the ResNet-34 encoder variant: magnitude pruning works on every conv; filter pruning refuses clearly. */
class ResNetPruningTest {
    private static final UNetConfig TINY = new UNetConfig(2, 4).withEncoder(UNetConfig.RESNET34);

    @Test
    void globalMagnitudePruningReachesItsSparsityAndCutsTheComputeOfEveryKindOfConv() {
        try (NucleiModel model = NucleiModel.create(TINY, 3)) {
            ModelCost dense = ModelCost.of(model);
            assertEquals(1.0, dense.speedup(), 1e-9, "the dense resnet is its own reference");
            new Pruner(model, PruneConfig.magnitude(Strategy.GLOBAL, 4)).step(2);
            ModelCost pruned = ModelCost.of(model);
            assertEquals(0.75, pruned.sparsity(), 0.001);
            assertTrue(pruned.speedup() > 1.5, "speedup " + pruned.speedup());
            for (String layer : new String[] {"enc1", "enc3.0.down", "enc4.2.b", "dec0.a"}) {
                PrunableTensor tensor = model.weights().tensors().stream().filter(t -> t.layer().equals(layer))
                        .findFirst().orElseThrow();
                assertTrue(model.weights().mask(tensor).isPresent(), layer + " is masked");
            }
        }
    }

    @Test
    void filterPruningSaysItNeedsThePlainEncoder() {
        try (NucleiModel model = NucleiModel.create(TINY, 3)) {
            FilterPruner pruner = new FilterPruner(model, PruneConfig.filters(Strategy.L1_FILTER, 0.5, null));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, pruner::step);
            assertTrue(e.getMessage().contains("plain U-Net encoder"), e.getMessage());
        }
    }
}
