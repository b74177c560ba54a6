package org.histoprune.app.demo;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.histoprune.app.charts.FloatingCurves;

/**
 * For talks: full screen, larger fonts (the {@code demo} style class on the window's root) and the floating
 * curves shown. Escape, or leaving full screen, ends it.
 */
public final class DemoMode {
    public static final String STYLE_CLASS = "demo";

    private final Stage stage;
    private final Parent root;
    private final FloatingCurves curves;
    private final CrPlayer player;
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private boolean curvesWereVisible;

    public DemoMode(Stage stage, Parent root, FloatingCurves curves, CrPlayer player) {
        this.stage = stage;
        this.root = root;
        this.curves = curves;
        this.player = player;
        root.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE && active.get()) {
                leave();
                event.consume();
            }
        });
        stage.fullScreenProperty().addListener((property, old, fullScreen) -> {
            if (!fullScreen && active.get()) {
                leave();
            }
        });
    }

    public ReadOnlyBooleanProperty active() {
        return active.getReadOnlyProperty();
    }

    public void toggle() {
        if (active.get()) {
            leave();
        } else {
            enter();
        }
    }

    void enter() {
        if (active.get()) {
            return;
        }
        active.set(true);
        root.getStyleClass().add(STYLE_CLASS);
        curvesWereVisible = curves.isVisible();
        curves.setVisible(true);
        stage.setFullScreenExitHint("Esc leaves demo mode");
        stage.setFullScreen(true);
    }

    void leave() {
        if (!active.get()) {
            return;
        }
        active.set(false);
        player.stop();
        root.getStyleClass().remove(STYLE_CLASS);
        curves.setVisible(curvesWereVisible);
        stage.setFullScreen(false);
    }
}
