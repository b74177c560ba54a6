package org.histoprune.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;

class SpeedupTableTest {
    /** The paper's Table 1: layer-wise pruning reaches CR 2^7 (one weight left in the 3x3 head) and no further. */
    @Test
    void layerwiseIsPossibleThroughCr128AndImpossibleFrom256ForTheBase16Model() {
        try (NucleiModel model = NucleiModel.create(new UNetConfig(16, 4), 42)) {
            List<SpeedupTable.Row> rows = SpeedupTable.of(model);
            assertEquals(SpeedupTable.RATIOS, rows.stream().map(SpeedupTable.Row::compressionRatio).toList());
            for (SpeedupTable.Row row : rows) {
                assertNotNull(row.networkWide(), "network-wide CR " + row.compressionRatio());
                if (row.compressionRatio() <= 128) {
                    assertNotNull(row.layerWise(), "layer-wise CR " + row.compressionRatio());
                    // every layer keeps 1/CR of its weights, so the compute falls by the CR too
                    assertEquals(row.compressionRatio(), row.layerWise(), 0.07 * row.compressionRatio());
                } else {
                    assertNull(row.layerWise(), "layer-wise CR " + row.compressionRatio());
                }
            }
            assertTrue(rows.get(6).networkWide() < rows.get(6).layerWise(), "network-wide keeps the costly early weights");
        }
    }
}
