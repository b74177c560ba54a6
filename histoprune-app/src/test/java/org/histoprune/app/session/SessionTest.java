package org.histoprune.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.histoprune.image.LabelImage;
import org.histoprune.render.InstanceLayer;
import org.junit.jupiter.api.Test;

/** The session alone, without a toolkit or a window. */
class SessionTest {
    private static InstanceLayer layer(String name) {
        return new InstanceLayer(name, 0, 0, new LabelImage(4, 4), 0xFFC400);
    }

    @Test
    void aLayerReplacesTheOneOfItsNameAndGoesOnTop() {
        Session session = new Session();
        session.addLayer(layer("Prediction"));
        session.addLayer(layer("Ground truth"));
        InstanceLayer newer = layer("Prediction");
        session.addLayer(newer);
        assertEquals(List.of("Ground truth", "Prediction"),
                session.layers().stream().map(item -> item.layer().name()).toList());
        assertEquals(newer, session.layers().get(1).layer());
    }

    @Test
    void hidingALayerIsAChangeOfTheList() {
        Session session = new Session();
        session.addLayer(layer("Prediction"));
        List<String> changes = new ArrayList<>();
        session.layers().addListener((ListChangeListener<LayerItem>) change -> changes.add("change"));
        session.layers().get(0).visible().set(false);
        assertEquals(List.of("change"), changes);
    }
}
