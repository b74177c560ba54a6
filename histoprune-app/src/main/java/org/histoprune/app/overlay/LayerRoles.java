package org.histoprune.app.overlay;

import java.util.List;
import java.util.Optional;
import org.histoprune.app.session.LayerItem;
import org.histoprune.render.InstanceLayer;

/**
 * Which layers play which part: the ground truth is the layer of that name (read beside the slide or opened
 * by hand); the prediction is the newest other layer, so a fresh segmentation is the one matched and exported.
 */
public final class LayerRoles {
    public static final String GROUND_TRUTH = "Ground truth";

    private LayerRoles() {
    }

    static Optional<InstanceLayer> groundTruth(List<LayerItem> layers, boolean visibleOnly) {
        return layers.stream().filter(item -> !visibleOnly || item.visible().get()).map(LayerItem::layer)
                .filter(LayerRoles::isGroundTruth).findFirst();
    }

    public static Optional<InstanceLayer> prediction(List<LayerItem> layers, boolean visibleOnly) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            LayerItem item = layers.get(i);
            if (!isGroundTruth(item.layer()) && (!visibleOnly || item.visible().get())) {
                return Optional.of(item.layer());
            }
        }
        return Optional.empty();
    }

    static boolean isGroundTruth(InstanceLayer layer) {
        return layer.name().equals(GROUND_TRUTH);
    }
}
