package org.histoprune.app.session;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.histoprune.render.InstanceLayer;

/** An instance layer in the layer list, with its visibility switch. */
public record LayerItem(InstanceLayer layer, BooleanProperty visible) {
    public LayerItem(InstanceLayer layer) {
        this(layer, new SimpleBooleanProperty(true));
    }
}
