package org.histoprune.app.compare;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Cursor;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;

/**
 * A vertical divider over a viewer, dragged by its line or handle: left of it one cell's nuclei, right of it
 * the other's. Its position is a fraction of the width; the rest of the layer lets the mouse through to the viewer.
 */
public final class SwipeDivider extends Pane {
    private final DoubleProperty position = new SimpleDoubleProperty(this, "position", 0.5);
    private final Line line = new Line();
    private final Circle handle = new Circle(11);

    SwipeDivider() {
        setId("swipe-divider");
        setPickOnBounds(false);
        line.getStyleClass().add("swipe-line");
        handle.getStyleClass().add("swipe-handle");
        for (var node : java.util.List.of(line, handle)) {
            node.setCursor(Cursor.H_RESIZE);
            node.addEventHandler(MouseEvent.MOUSE_DRAGGED, event -> {
                position.set(Math.max(0, Math.min(1, sceneToLocal(event.getSceneX(), event.getSceneY()).getX()
                        / Math.max(1, getWidth()))));
                event.consume();
            });
            node.addEventHandler(MouseEvent.MOUSE_PRESSED, MouseEvent::consume);
        }
        getChildren().addAll(line, handle);
        position.addListener(observable -> requestLayout());
    }

    /** 0 is the left edge, 1 the right. */
    public DoubleProperty position() {
        return position;
    }

    @Override
    protected void layoutChildren() {
        double x = Math.round(position.get() * getWidth());
        line.setStartX(x);
        line.setEndX(x);
        line.setStartY(0);
        line.setEndY(getHeight());
        handle.setCenterX(x);
        handle.setCenterY(getHeight() / 2);
    }
}
