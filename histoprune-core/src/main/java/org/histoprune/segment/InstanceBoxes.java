package org.histoprune.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.histoprune.image.LabelImage;

/** Bounding boxes of the instances of a label image, in one pass. */
final class InstanceBoxes {
    private InstanceBoxes() {
    }

    /** One {@code {id, minX, minY, maxX, maxY}} per instance present, in increasing id order. */
    static List<int[]> of(LabelImage labels) {
        int maxId = labels.maxLabel();
        int[] minX = new int[maxId + 1];
        int[] minY = new int[maxId + 1];
        int[] maxX = new int[maxId + 1];
        int[] maxY = new int[maxId + 1];
        Arrays.fill(minX, Integer.MAX_VALUE);
        Arrays.fill(minY, Integer.MAX_VALUE);
        Arrays.fill(maxX, -1);
        Arrays.fill(maxY, -1);
        int width = labels.width();
        int[] ids = labels.labels();
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id > 0) {
                int x = i % width;
                int y = i / width;
                minX[id] = Math.min(minX[id], x);
                minY[id] = Math.min(minY[id], y);
                maxX[id] = Math.max(maxX[id], x);
                maxY[id] = Math.max(maxY[id], y);
            }
        }
        List<int[]> boxes = new ArrayList<>();
        for (int id = 1; id <= maxId; id++) {
            if (maxX[id] >= 0) {
                boxes.add(new int[] {id, minX[id], minY[id], maxX[id], maxY[id]});
            }
        }
        return boxes;
    }
}
