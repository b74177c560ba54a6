package org.histoprune.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;

class MatchLayersTest {
    @Test
    void cropTakesTheLayersLabelsUnderARectangleAndZeroElsewhere() {
        InstanceLayer layer = new InstanceLayer("t", 2, 1, new LabelImage(3, 2, new int[] {1, 2, 3, 4, 5, 6}), 0);
        LabelImage crop = MatchLayers.crop(layer, 3, 0, 4, 3);
        assertArrayEquals(new int[] {
            0, 0, 0, 0,
            2, 3, 0, 0,
            5, 6, 0, 0}, crop.labels());
        assertArrayEquals(new int[4], MatchLayers.crop(layer, 10, 10, 2, 2).labels(), "a rectangle off the layer");
    }

    @Test
    void splitsThePredictionAndTheTruthIntoMatchLayersAtThePredictionsPlace() {
        // Truth over the whole 8x4 slide: nucleus 1 (found), nucleus 2 (missed), nucleus 3 (outside the region).
        int[] truth = {
            1, 1, 0, 2, 2, 0, 0, 3,
            1, 1, 0, 2, 2, 0, 0, 3,
            0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0};
        // The prediction covers x 0..5, y 0..3: nucleus 1 found as 10, a false nucleus 11 below it.
        int[] predicted = {
            10, 10, 0, 0, 0, 0,
            10, 10, 0, 0, 0, 0,
            11, 11, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0};
        MatchLayers match = MatchLayers.of(new InstanceLayer("truth", 0, 0, new LabelImage(8, 4, truth), 0),
                new InstanceLayer("prediction", 0, 0, new LabelImage(6, 4, predicted), 0));
        assertEquals(1, match.matching().truePositives());
        assertEquals(1, match.matching().falsePositives());
        assertEquals(1, match.matching().falseNegatives(), "nucleus 3 lies outside the predicted region");
        assertEquals(10, match.truePositives().labels().labels()[0]);
        assertEquals(0, match.truePositives().labels().labels()[12]);
        assertEquals(11, match.falsePositives().labels().labels()[12]);
        assertEquals(2, match.falseNegatives().labels().labels()[3]);
        assertEquals(MatchLayers.FALSE_NEGATIVE_RGB, match.falseNegatives().rgb());
        assertEquals(6, match.falseNegatives().labels().width(), "drawn over the predicted region only");
    }
}
