package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tile a network is given: the largest whose full-resolution feature maps stay within the measured budget. */
class TilingOptionsTest {
    @Test
    void halvingTheFullResolutionChannelsLetsTilesGrowByRootTwo() {
        UNetConfig dense = UNetConfig.defaults();
        assertEquals(32, dense.fullResolutionChannels());
        assertEquals(704, TilingOptions.largestTileFor(dense));
        int convs = dense.layerNames().size();
        List<Integer> half = new java.util.ArrayList<>();
        for (int i = 0; i < convs; i++) {
            half.add(dense.filters(i) / 2);
        }
        UNetConfig pruned = dense.withWidths(half);
        assertEquals(16, pruned.fullResolutionChannels());
        // a 1000-px image then fits one tile instead of four
        assertEquals(1008, TilingOptions.largestTileFor(pruned));
        assertEquals(704, TilingOptions.forNetwork(dense).tile());
        UNetConfig oneFilter = dense.withWidths(Collections.nCopies(convs, 1));
        assertEquals(0, TilingOptions.largestTileFor(oneFilter) % 16);
    }
}
