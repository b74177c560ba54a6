package org.histoprune.data;

import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;

/** A rendered region and its exact instance labels (ids 1..N in raster order of first appearance). */
public record SyntheticTile(RgbImage image, LabelImage labels) {
    public SyntheticTile {
        if (!labels.sameSizeAs(image.width(), image.height())) {
            throw new IllegalArgumentException("labels " + labels.width() + "x" + labels.height()
                    + " do not match image " + image.width() + "x" + image.height());
        }
    }
}
