package org.histoprune.render;

import java.util.Arrays;
import org.histoprune.image.LabelImage;
import org.histoprune.metrics.InstanceMatching;

/**
 * A prediction matched against the ground truth over the prediction's region, as {@link InstanceMatching}
 * pairs them (IoU &gt; 0.5), split into three single-colour layers: true positives and false positives (the
 * predicted nuclei) and false negatives (the ground-truth nuclei left unmatched).
 */
public record MatchLayers(InstanceLayer truePositives, InstanceLayer falsePositives, InstanceLayer falseNegatives,
        InstanceMatching matching) {
    public static final int TRUE_POSITIVE_RGB = 0x2ECC40;
    public static final int FALSE_POSITIVE_RGB = 0xFF4136;
    public static final int FALSE_NEGATIVE_RGB = 0x39CCFF;

    /** Matches within the prediction's rectangle; truth nuclei cut by its border count by their part inside. */
    public static MatchLayers of(InstanceLayer truth, InstanceLayer predicted) {
        LabelImage predictedLabels = predicted.labels();
        LabelImage truthLabels = crop(truth, predicted.originX(), predicted.originY(), predictedLabels.width(),
                predictedLabels.height());
        InstanceMatching matching = InstanceMatching.of(truthLabels, predictedLabels);
        int x = predicted.originX();
        int y = predicted.originY();
        return new MatchLayers(
                new InstanceLayer("True positives", x, y, keep(predictedLabels, matching.matchedPredicted()),
                        TRUE_POSITIVE_RGB),
                new InstanceLayer("False positives", x, y, keep(predictedLabels, matching.unmatchedPredicted()),
                        FALSE_POSITIVE_RGB),
                new InstanceLayer("False negatives", x, y, keep(truthLabels, matching.unmatchedTruth()),
                        FALSE_NEGATIVE_RGB),
                matching);
    }

    /** The layer's labels under a level-0 rectangle, 0 outside the layer. */
    public static LabelImage crop(InstanceLayer layer, int x0, int y0, int width, int height) {
        LabelImage source = layer.labels();
        LabelImage crop = new LabelImage(width, height);
        int left = Math.max(x0, layer.originX());
        int right = Math.min(x0 + width, layer.originX() + source.width());
        for (int y = Math.max(y0, layer.originY()); y < Math.min(y0 + height, layer.originY() + source.height()); y++) {
            if (right > left) {
                System.arraycopy(source.labels(), (y - layer.originY()) * source.width() + left - layer.originX(),
                        crop.labels(), (y - y0) * width + left - x0, right - left);
            }
        }
        return crop;
    }

    /** Only the given ids (sorted ascending) of a label image; every other pixel becomes background. */
    private static LabelImage keep(LabelImage labels, int[] sortedIds) {
        int[] source = labels.labels();
        int[] kept = new int[source.length];
        int lastId = 0;
        boolean lastKept = false;
        for (int i = 0; i < source.length; i++) {
            int id = source[i];
            if (id != 0) {
                // Pixels come in runs of one nucleus: look an id up once per run.
                if (id != lastId) {
                    lastId = id;
                    lastKept = Arrays.binarySearch(sortedIds, id) >= 0;
                }
                kept[i] = lastKept ? id : 0;
            }
        }
        return new LabelImage(labels.width(), labels.height(), kept);
    }
}
