package org.histoprune.app.charts;

import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A translucent panel with the metric curves that floats over the viewer, so the overlay and the curves are
 * seen together; dragged by its title bar, kept inside the viewer. The layer itself lets the mouse through.
 */
public final class FloatingCurves extends Pane {
    private static final double WIDTH = 420;
    private static final double HEIGHT = 300;
    private static final double MARGIN = 12;

    private final VBox panel = new VBox();
    private final CurveChart chart;
    private double grabX;
    private double grabY;

    public FloatingCurves(SweepCurves curves) {
        setPickOnBounds(false);
        setId("floating-curves");
        chart = curves.metricChart();
        chart.setLegendVisible(true);
        VBox.setVgrow(chart, Priority.ALWAYS);
        Label title = new Label("Curves");
        title.getStyleClass().add("floating-title-text");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button("\u00d7");
        close.getStyleClass().add("small-button");
        close.setFocusTraversable(false);
        close.setOnAction(event -> setVisible(false));
        HBox titleBar = new HBox(6, title, spacer, close);
        titleBar.setAlignment(Pos.CENTER_LEFT);
        titleBar.getStyleClass().add("floating-title");
        titleBar.setId("floating-curves-title");
        titleBar.setCursor(Cursor.MOVE);
        titleBar.addEventHandler(MouseEvent.MOUSE_PRESSED, event -> {
            grabX = event.getSceneX() - panel.getLayoutX();
            grabY = event.getSceneY() - panel.getLayoutY();
            event.consume();
        });
        titleBar.addEventHandler(MouseEvent.MOUSE_DRAGGED, event -> {
            moveTo(event.getSceneX() - grabX, event.getSceneY() - grabY);
            event.consume();
        });
        panel.getChildren().addAll(titleBar, chart);
        panel.getStyleClass().add("floating-curves");
        panel.resize(WIDTH, HEIGHT);
        panel.relocate(MARGIN, MARGIN);
        getChildren().add(panel);
        setVisible(false);
    }

    CurveChart chart() {
        return chart;
    }

    public VBox panel() {
        return panel;
    }

    /** Moves the panel's top-left corner, keeping the whole panel inside the layer. */
    public void moveTo(double x, double y) {
        double maxX = Math.max(0, getWidth() - panel.getWidth());
        double maxY = Math.max(0, getHeight() - panel.getHeight());
        panel.relocate(Math.max(0, Math.min(maxX, x)), Math.max(0, Math.min(maxY, y)));
    }

    @Override
    protected void layoutChildren() {
        panel.resize(WIDTH, HEIGHT);
        moveTo(panel.getLayoutX(), panel.getLayoutY()); // the viewer may have shrunk
    }
}
