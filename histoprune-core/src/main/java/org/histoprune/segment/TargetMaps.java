package org.histoprune.segment;

import org.histoprune.image.DistanceTransform;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;

/** The two training targets derived from an instance label image. */
public final class TargetMaps {
    private TargetMaps() {
    }

    /** 1 inside any nucleus, 0 on background. */
    public static FloatMap foreground(LabelImage labels) {
        FloatMap map = new FloatMap(labels.width(), labels.height());
        int[] ids = labels.labels();
        float[] values = map.values();
        for (int i = 0; i < ids.length; i++) {
            values[i] = ids[i] > 0 ? 1f : 0f;
        }
        return map;
    }

    /**
     * Distance of each nucleus pixel to the nearest pixel not of that nucleus, divided by the nucleus's
     * maximum, so that every nucleus peaks at exactly 1; background is 0. Touching nuclei stay apart.
     */
    public static FloatMap normalizedDistance(LabelImage labels) {
        int width = labels.width();
        int[] ids = labels.labels();
        FloatMap map = new FloatMap(width, labels.height());
        float[] out = map.values();
        for (int[] box : InstanceBoxes.of(labels)) {
            int id = box[0];
            // Pad by one pixel inside the image so the nucleus's own border is reachable.
            int x0 = Math.max(0, box[1] - 1);
            int y0 = Math.max(0, box[2] - 1);
            int x1 = Math.min(width - 1, box[3] + 1);
            int y1 = Math.min(labels.height() - 1, box[4] + 1);
            int boxWidth = x1 - x0 + 1;
            int boxHeight = y1 - y0 + 1;
            boolean[] inside = new boolean[boxWidth * boxHeight];
            for (int y = 0; y < boxHeight; y++) {
                for (int x = 0; x < boxWidth; x++) {
                    inside[y * boxWidth + x] = ids[(y + y0) * width + x + x0] == id;
                }
            }
            float[] distance = DistanceTransform.euclidean(inside, boxWidth, boxHeight);
            float max = 0f;
            for (int i = 0; i < distance.length; i++) {
                if (inside[i] && Float.isFinite(distance[i])) {
                    max = Math.max(max, distance[i]);
                }
            }
            for (int y = 0; y < boxHeight; y++) {
                for (int x = 0; x < boxWidth; x++) {
                    int local = y * boxWidth + x;
                    if (inside[local]) {
                        float d = distance[local];
                        out[(y + y0) * width + x + x0] = max > 0f && Float.isFinite(d) ? d / max : 1f;
                    }
                }
            }
        }
        return map;
    }
}
