package org.histoprune.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** An instance layer in the layer list, with its visibility switch. */
record LayerItem(InstanceLayer layer, BooleanProperty visible) {
    LayerItem(InstanceLayer layer) {
        this(layer, new SimpleBooleanProperty(true));
    }
}
