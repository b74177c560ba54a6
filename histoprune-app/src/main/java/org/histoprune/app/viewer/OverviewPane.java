package org.histoprune.app.viewer;

import java.awt.geom.Rectangle2D;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import org.histoprune.render.SlideImage;

/** The whole slide in small with the visible rectangle; a click or drag on it moves the view there. */
public final class OverviewPane extends Canvas {
    private static final double MAX_SIDE = 220;

    private final SlideViewer viewer;
    private SlideImage slide;
    private Image thumbnail;

    public OverviewPane(SlideViewer viewer) {
        super(MAX_SIDE, MAX_SIDE);
        this.viewer = viewer;
        getStyleClass().add("overview");
        setVisible(false);
        viewer.transformProperty().addListener((property, old, view) -> redraw());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::navigate);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::navigate);
    }

    public void setSlide(SlideImage newSlide) {
        slide = newSlide;
        setVisible(slide != null);
        if (slide == null) {
            thumbnail = null;
            return;
        }
        thumbnail = SwingFXUtils.toFXImage(slide.thumbnailImage(), null);
        double scale = MAX_SIDE / Math.max(slide.width(), slide.height());
        setWidth(Math.round(slide.width() * scale));
        setHeight(Math.round(slide.height() * scale));
        redraw();
    }

    private void redraw() {
        if (slide == null) {
            return;
        }
        GraphicsContext g = getGraphicsContext2D();
        double scale = getWidth() / slide.width();
        g.drawImage(thumbnail, 0, 0, getWidth(), getHeight());
        Rectangle2D visible = viewer.view().visibleImageRegion();
        double x = Math.max(0, visible.getX() * scale);
        double y = Math.max(0, visible.getY() * scale);
        double right = Math.min(getWidth(), visible.getMaxX() * scale);
        double bottom = Math.min(getHeight(), visible.getMaxY() * scale);
        if (right > x && bottom > y) {
            g.setFill(Color.rgb(255, 214, 10, 0.15));
            g.fillRect(x, y, right - x, bottom - y);
            g.setStroke(Color.rgb(255, 214, 10));
            g.setLineWidth(1.5);
            g.strokeRect(x + 0.75, y + 0.75, Math.max(1, right - x - 1.5), Math.max(1, bottom - y - 1.5));
        }
        g.setStroke(Color.rgb(255, 255, 255, 0.35));
        g.setLineWidth(1);
        g.strokeRect(0.5, 0.5, getWidth() - 1, getHeight() - 1);
    }

    private void navigate(MouseEvent event) {
        if (slide != null) {
            double scale = getWidth() / slide.width();
            viewer.setView(viewer.view().centredOn(event.getX() / scale, event.getY() / scale));
        }
        event.consume();
    }
}
