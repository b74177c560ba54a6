package org.histoprune.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricNamesTest {
    /** What the trainer writes into a model's provenance after an epoch. */
    private static final Map<String, Double> TRAINED = Map.of("best_val_score", 0.4125, "val_reg_mse", 0.01234,
            "val_pixel_dice", 0.6349, "val_score", 0.4125, "val_seg_loss", 0.4002);

    @Test
    void trainerKeysReadAsWordsWithTheDiceFirst() {
        assertEquals(List.of("validation Dice 0.63", "validation loss (segmentation + distance) 0.413",
                "best validation loss 0.413", "validation segmentation loss (BCE + Dice) 0.400"),
                MetricNames.lines(TRAINED, 4));
        assertEquals("validation distance MSE 0.0123", MetricNames.lines(TRAINED, 5).get(4));
    }

    @Test
    void unknownKeysFollowWithTheirUnderscoresAsSpaces() {
        assertEquals(List.of("PQ 0.51", "new metric 2.000"), MetricNames.lines(Map.of("new_metric", 2.0, "pq", 0.51), 4));
    }
}
