package org.histoprune.app.overlay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.histoprune.app.jobs.JobRunner;
import org.histoprune.app.session.LayerItem;
import org.histoprune.metrics.InstanceMatching;
import org.histoprune.render.ImageCache;
import org.histoprune.render.InstanceLayer;
import org.histoprune.render.InstanceOverlay;
import org.histoprune.render.MatchLayers;
import org.histoprune.render.Overlay;
import org.histoprune.render.OverlayStyle;

/**
 * The match view: whenever a prediction and the ground truth are both there, matches them in the background
 * and shows the true positive, false positive and false negative counts with PQ and its parts; its switch
 * draws the two layers as the three match colours instead.
 */
public final class MatchPanel extends VBox {
    private final ObservableList<LayerItem> layers;
    private final JobRunner jobs;
    private final Runnable onChange;
    private final Consumer<String> onError;
    private final CheckBox show = new CheckBox("Colour nuclei by match (IoU > 0.5)");
    private final Label truePositives = count("match-tp");
    private final Label falsePositives = count("match-fp");
    private final Label falseNegatives = count("match-fn");
    private final Label quality = new Label();
    private final Label hint = new Label("Needs a prediction and ground truth: segment the view, and open "
            + "the labels (File \u25b8 Open ground truth\u2026) unless they lie beside the slide.");
    private InstanceLayer truth;
    private InstanceLayer predicted;
    private MatchLayers current;

    public MatchPanel(ObservableList<LayerItem> layers, JobRunner jobs, Runnable onChange, Consumer<String> onError) {
        super(6);
        this.layers = layers;
        this.jobs = jobs;
        this.onChange = onChange;
        this.onError = onError;
        show.setId("match-view");
        show.setWrapText(true);
        quality.setId("match-pq");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        show.selectedProperty().addListener((property, old, on) -> onChange.run());
        getChildren().addAll(show, legendRow("True positives", MatchLayers.TRUE_POSITIVE_RGB, truePositives),
                legendRow("False positives", MatchLayers.FALSE_POSITIVE_RGB, falsePositives),
                legendRow("False negatives", MatchLayers.FALSE_NEGATIVE_RGB, falseNegatives), quality, hint);
        layers.addListener((ListChangeListener<LayerItem>) change -> rematch());
        showCounts();
    }

    /** The matched layers, or null while there is no pair or it is being matched. */
    public MatchLayers current() {
        return current;
    }

    /** Whether the match colours stand in for this layer now. */
    public boolean replaces(InstanceLayer layer) {
        return showing() && (layer == truth || layer == predicted);
    }

    /** The match layers to draw in one colour each, when the view is on and matched. */
    public List<Overlay> overlays(OverlayStyle style, ImageCache<InstanceOverlay.Key> cache) {
        List<Overlay> overlays = new ArrayList<>();
        if (showing()) {
            OverlayStyle oneColour = style.withColourPerInstance(false);
            for (InstanceLayer layer : List.of(current.falseNegatives(), current.falsePositives(),
                    current.truePositives())) {
                overlays.add(new InstanceOverlay(layer, oneColour, cache));
            }
        }
        return overlays;
    }

    private boolean showing() {
        return show.isSelected() && current != null;
    }

    private void rematch() {
        InstanceLayer newTruth = LayerRoles.groundTruth(layers, false).orElse(null);
        InstanceLayer newPredicted = LayerRoles.prediction(layers, true).orElse(null);
        if (newTruth == truth && newPredicted == predicted) {
            return;
        }
        boolean wasShowing = showing();
        truth = newTruth;
        predicted = newPredicted;
        current = null;
        showCounts();
        if (wasShowing) {
            onChange.run();
        }
        if (truth == null || predicted == null) {
            return;
        }
        InstanceLayer matchedTruth = truth;
        InstanceLayer matchedPrediction = predicted;
        jobs.background(() -> MatchLayers.of(matchedTruth, matchedPrediction), result -> {
            if (matchedTruth == truth && matchedPrediction == predicted) {
                current = result;
                showCounts();
                onChange.run();
            }
        }, error -> onError.accept("Match view failed: " + Objects.requireNonNullElse(error.getMessage(),
                error.getClass().getSimpleName())));
    }

    private void showCounts() {
        hint.setVisible(truth == null || predicted == null);
        hint.setManaged(hint.isVisible());
        if (current == null) {
            for (Label label : List.of(truePositives, falsePositives, falseNegatives)) {
                label.setText("\u2013");
            }
            quality.setText(hint.isVisible() ? "" : "matching\u2026");
            return;
        }
        InstanceMatching matching = current.matching();
        truePositives.setText(String.format(Locale.ROOT, "%,d", matching.truePositives()));
        falsePositives.setText(String.format(Locale.ROOT, "%,d", matching.falsePositives()));
        falseNegatives.setText(String.format(Locale.ROOT, "%,d", matching.falseNegatives()));
        double[] pq = matching.panopticQuality();
        quality.setText(String.format(Locale.ROOT, "PQ %.3f = DQ %.3f \u00d7 SQ %.3f", pq[0], pq[1], pq[2]));
    }

    private static Label count(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("layer-count");
        return label;
    }

    private static Node legendRow(String name, int rgb, Label count) {
        Rectangle swatch = new Rectangle(12, 12, Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF));
        swatch.setArcWidth(4);
        swatch.setArcHeight(4);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8, swatch, new Label(name), spacer, count);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
