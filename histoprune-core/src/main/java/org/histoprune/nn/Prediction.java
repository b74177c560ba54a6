package org.histoprune.nn;

import org.histoprune.image.FloatMap;

/** What the two networks say about an image: foreground probability (0..1) and normalised distance. */
public record Prediction(FloatMap foreground, FloatMap distance) {
    public Prediction {
        if (foreground.width() != distance.width() || foreground.height() != distance.height()) {
            throw new IllegalArgumentException("maps differ in size");
        }
    }
}
