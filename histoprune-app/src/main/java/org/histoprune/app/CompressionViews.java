package org.histoprune.app;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.histoprune.app.charts.ChartExport;
import org.histoprune.app.charts.ChartsPanel;
import org.histoprune.app.charts.FloatingCurves;
import org.histoprune.app.charts.SweepCurves;
import org.histoprune.app.compare.CompareView;
import org.histoprune.app.demo.CrPlayer;
import org.histoprune.app.demo.DemoMode;
import org.histoprune.app.files.FileDialogs;
import org.histoprune.app.jobs.JobRunner;
import org.histoprune.app.jobs.StatusBar;
import org.histoprune.app.session.CompressionChoice;
import org.histoprune.nn.NucleiModel;
import org.histoprune.render.ImageCache;
import org.histoprune.render.InstanceOverlay;
import org.histoprune.render.OverlayStyle;

/**
 * The views that make compression visible, all following {@link CompressionChoice}: the charts panel, the
 * curves floating over the viewer, CR playback, demo mode and the side-by-side compare. The workbench adds
 * their menu items, toolbar buttons and nodes.
 */
final class CompressionViews {
    static final Duration PLAY_INTERVAL = Duration.seconds(1.5);

    private final SweepCurves curves;
    private final ChartsPanel charts;
    private final FloatingCurves floating;
    private final CrPlayer player;
    private final DemoMode demo;
    private final CompareView compare;
    private final BooleanProperty chartsShown = new SimpleBooleanProperty(this, "chartsShown");

    /** {@code root} takes demo mode's style class; {@code openResults} asks for a sweep results folder. */
    CompressionViews(CompressionChoice compression, Stage stage, Parent root, FileDialogs dialogs, JobRunner jobs,
            StatusBar status, ObjectProperty<OverlayStyle> style, ImageCache<InstanceOverlay.Key> overlayCache,
            Runnable openResults) {
        curves = new SweepCurves(compression, jobs, status::showError);
        charts = new ChartsPanel(curves, new ChartExport(stage, dialogs, jobs, status), openResults);
        charts.visibleProperty().bind(chartsShown);
        charts.managedProperty().bind(chartsShown);
        floating = new FloatingCurves(curves);
        player = new CrPlayer(compression, PLAY_INTERVAL);
        demo = new DemoMode(stage, root, floating, player);
        compare = new CompareView(compression, curves, jobs, style, overlayCache, status::showError);
    }

    SweepCurves curves() {
        return curves;
    }

    ChartsPanel charts() {
        return charts;
    }

    FloatingCurves floating() {
        return floating;
    }

    CrPlayer player() {
        return player;
    }

    DemoMode demo() {
        return demo;
    }

    CompareView compare() {
        return compare;
    }

    BooleanProperty chartsShown() {
        return chartsShown;
    }

    /** The current model changed (or was pruned in place): its per-layer sparsity. */
    void showModel(NucleiModel model) {
        charts.showModel(model);
    }

    /** Slide tiles arrived. */
    void repaint() {
        compare.repaint();
    }

    List<MenuItem> menuItems() {
        CheckMenuItem chartsItem = check("Charts", "Shortcut+Shift+C");
        chartsItem.selectedProperty().bindBidirectional(chartsShown);
        CheckMenuItem curvesItem = check("Curves over the image", "Shortcut+Shift+V");
        curvesItem.selectedProperty().bindBidirectional(floating.visibleProperty());
        CheckMenuItem compareItem = check("Compare side by side", "Shortcut+Shift+K");
        compareItem.selectedProperty().bindBidirectional(compare.shown());
        MenuItem play = new MenuItem("Play CR 1\u00d7 \u2192 512\u00d7");
        play.setAccelerator(KeyCombination.keyCombination("Shortcut+P"));
        play.setOnAction(event -> player.toggle());
        CheckMenuItem demoItem = check("Demo mode", "F11");
        demoItem.setSelected(demo.active().get());
        demoItem.setOnAction(event -> demo.toggle());
        demo.active().addListener((property, old, active) -> demoItem.setSelected(active));
        return List.of(new SeparatorMenuItem(), chartsItem, curvesItem, compareItem, new SeparatorMenuItem(), play,
                demoItem);
    }

    List<Node> toolbarButtons() {
        ToggleButton chartsButton = toggle("Charts", "Show the charts panel (Ctrl+Shift+C)", "toggle-charts");
        chartsButton.selectedProperty().bindBidirectional(chartsShown);
        ToggleButton compareButton = toggle("Compare", "Two CRs side by side (Ctrl+Shift+K)", "toggle-compare");
        compareButton.selectedProperty().bindBidirectional(compare.shown());
        Button playButton = new Button();
        playButton.setId("play-cr");
        playButton.setTooltip(new Tooltip("Step the CR from 1\u00d7 to 512\u00d7 (Ctrl+P)"));
        playButton.setFocusTraversable(false);
        playButton.setOnAction(event -> player.toggle());
        playButton.textProperty().bind(player.playing().map(playing -> playing ? "\u25a0 Stop" : "\u25b6 Play CR"));
        return List.of(chartsButton, compareButton, playButton);
    }

    private static CheckMenuItem check(String text, String accelerator) {
        CheckMenuItem item = new CheckMenuItem(text);
        item.setAccelerator(KeyCombination.keyCombination(accelerator));
        return item;
    }

    private static ToggleButton toggle(String text, String tip, String id) {
        ToggleButton button = new ToggleButton(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setFocusTraversable(false);
        return button;
    }
}
