package org.histoprune.app.compare;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;
import org.histoprune.app.charts.SweepCurves;
import org.histoprune.app.charts.SweepResults;
import org.histoprune.app.icons.Icons;
import org.histoprune.app.jobs.JobRunner;
import org.histoprune.app.session.CompressionChoice;
import org.histoprune.app.viewer.SegmentTask;
import org.histoprune.render.ImageCache;
import org.histoprune.render.InstanceLayer;
import org.histoprune.render.InstanceOverlay;
import org.histoprune.render.Overlay;
import org.histoprune.render.OverlayStyle;
import org.histoprune.render.RenderState;
import org.histoprune.render.SlideImage;
import org.histoprune.render.SwipeClip;
import org.histoprune.render.ViewTransform;

/**
 * Two sweep cells side by side over the same slide (the seed paper's Figure 4, live): each side shows the
 * nuclei its cell's model finds in the view, and panning or zooming either side moves both. The right side
 * follows the shared CR and strategy; the left one starts at the dense model.
 */
public final class CompareView extends BorderPane {
    private final CompareSide left = new CompareSide("compare-left");
    private final CompareSide right = new CompareSide("compare-right");
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    private final BooleanProperty swipe = new SimpleBooleanProperty(this, "swipe");
    private final SwipeDivider divider = new SwipeDivider();
    private final HBox sides;
    private final SweepCurves curves;
    private final JobRunner jobs;
    private final ObjectProperty<OverlayStyle> style;
    private final ImageCache<InstanceOverlay.Key> overlayCache;
    private final Consumer<String> onError;
    /** Layers already found, by model file and region, so switching back is instant. */
    private final Map<String, InstanceLayer> found = new HashMap<>();
    private final Deque<CompareSide> pending = new ArrayDeque<>();
    private SlideImage slide;
    private boolean syncing;

    public CompareView(CompressionChoice compression, SweepCurves curves, JobRunner jobs, ObjectProperty<OverlayStyle> style,
            ImageCache<InstanceOverlay.Key> overlayCache, Consumer<String> onError) {
        this.curves = curves;
        this.jobs = jobs;
        this.style = style;
        this.overlayCache = overlayCache;
        this.onError = onError;
        setId("compare-view");
        getStyleClass().add("compare-view");
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(1);
        right.setPrefWidth(1);
        sides = new HBox(2, left, right);
        sides.getStyleClass().add("compare-sides");
        setCenter(sides);
        setTop(bar());
        divider.visibleProperty().bind(swipe);
        left.viewerStack().getChildren().add(divider);
        swipe.addListener((property, old, swiping) -> arrange(swiping));
        divider.position().addListener(observable -> repaintOverlays());
        for (CompareSide side : List.of(left, right)) {
            CompareSide other = side == left ? right : left;
            side.viewer().transformProperty().addListener((property, old, view) -> follow(other, view));
            side.line().valueProperty().addListener(observable -> segmentLater(side));
            side.log2Cr().valueProperty().addListener(observable -> segmentLater(side));
            side.layer().addListener(observable -> repaintOverlays());
        }
        style.addListener(observable -> repaintOverlays());
        curves.results().addListener((property, old, results) -> showResults(results));
        compression.strategy().addListener((property, old, strategy) ->
                right.select(SweepCurves.lineOf(strategy, compression.branches().get()), right.log2Cr().getValue()));
        compression.branches().addListener((property, old, branches) ->
                right.select(SweepCurves.lineOf(compression.strategy().get(), branches), right.log2Cr().getValue()));
        compression.log2Cr().addListener((property, old, log2) -> right.select(right.line().getValue(), log2.intValue()));
        jobs.currentJobProperty().addListener((property, old, job) -> {
            if (job == null) {
                runNext();
            }
        });
        showResults(curves.results().get());
        right.select(SweepCurves.lineOf(compression.strategy().get(), compression.branches().get()),
                compression.log2Cr().get());
    }

    /** Whether the compare view replaces the single viewer. */
    public BooleanProperty shown() {
        return shown;
    }

    public CompareSide left() {
        return left;
    }

    public CompareSide right() {
        return right;
    }

    /** Whether one viewer shows both cells split by a divider, instead of two viewers. */
    public BooleanProperty swipe() {
        return swipe;
    }

    public SwipeDivider divider() {
        return divider;
    }

    /** Shows a slide on both sides at the given view, then segments the view with both cells' models. */
    public void open(SlideImage newSlide, ViewTransform view) {
        if (newSlide != slide) {
            found.clear();
        }
        slide = newSlide;
        for (CompareSide side : List.of(left, right)) {
            side.layer().set(null);
            side.viewer().setState(new RenderState(slide, List.of()));
            side.viewer().showAt(view.centreX(), view.centreY(), view.downsample());
        }
        segmentBoth();
    }

    /** Tiles arrived: both sides may show more of the slide. */
    public void repaint() {
        left.viewer().repaint();
        right.viewer().repaint();
    }

    void segmentBoth() {
        segmentLater(left);
        segmentLater(right);
    }

    private HBox bar() {
        Button segment = new Button("Segment view", Icons.icon(Icons.SEGMENT));
        segment.setId("compare-segment");
        segment.setTooltip(new Tooltip("Find nuclei in the view with both cells' models"));
        segment.setOnAction(event -> segmentBoth());
        Button close = new Button("Close compare");
        close.setId("compare-close");
        close.setOnAction(event -> shown.set(false));
        ToggleButton sideBySide = new ToggleButton("Side by side");
        sideBySide.setId("compare-side-by-side");
        ToggleButton swipeButton = new ToggleButton("Swipe");
        swipeButton.setId("compare-swipe");
        SegmentedButton modes = new SegmentedButton(sideBySide, swipeButton);
        sideBySide.setSelected(true);
        swipeButton.selectedProperty().bindBidirectional(swipe);
        modes.getToggleGroup().selectedToggleProperty().addListener((property, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one mode is always on
            }
        });
        Label hint = new Label("Pan and zoom either side: both follow");
        hint.getStyleClass().add("hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, segment, modes, hint, spacer, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("tool-bar");
        return bar;
    }

    /** Gives the other side the same centre and scale (its own size). */
    private void follow(CompareSide other, ViewTransform view) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            ViewTransform current = other.viewer().view();
            other.viewer().setView(ViewTransform.centredOn(view.centreX(), view.centreY(), view.downsample(),
                    current.width(), current.height()));
        } finally {
            syncing = false;
        }
    }

    private void showResults(SweepResults results) {
        List<String> lines = results == null ? List.of() : results.lines();
        left.setLines(lines);
        right.setLines(lines);
        segmentBoth();
    }

    private void segmentLater(CompareSide side) {
        if (!shown.get() || slide == null) {
            return;
        }
        Optional<Path> model = modelOf(side);
        if (model.isEmpty()) {
            side.layer().set(null);
            side.showInfo(curves.results().get() == null ? "No sweep results: open a results folder in Charts"
                    : "No finished cell at " + side.cellName());
            return;
        }
        InstanceLayer known = found.get(key(model.get(), region()));
        if (known != null) {
            side.layer().set(known);
            side.showCount(known);
            return;
        }
        if (!pending.contains(side)) {
            pending.add(side);
        }
        side.showInfo(side.cellName() + " \u00b7 waiting\u2026");
        runNext();
    }

    private void runNext() {
        if (!shown.get()) {
            pending.clear();
            return;
        }
        if (jobs.busy() || pending.isEmpty() || slide == null) {
            return;
        }
        CompareSide side = pending.poll();
        Optional<Path> model = modelOf(side);
        Rectangle region = region();
        if (model.isEmpty() || region.isEmpty()) {
            runNext();
            return;
        }
        String key = key(model.get(), region);
        String cell = side.cellName();
        CellSegmentTask task = new CellSegmentTask(model.get(), slide.reader(), region, cell);
        side.showInfo(cell + " \u00b7 segmenting\u2026");
        task.setOnSucceeded(event -> {
            found.put(key, task.getValue());
            if (cell.equals(side.cellName())) {
                side.layer().set(task.getValue());
                side.showCount(task.getValue());
            }
        });
        task.setOnFailed(event -> {
            side.showInfo(cell + " \u00b7 failed");
            onError.accept("Cannot segment with " + cell + ": " + task.getException().getMessage());
        });
        task.setOnCancelled(event -> side.showInfo(cell + " \u00b7 cancelled"));
        jobs.start(task);
    }

    private Optional<Path> modelOf(CompareSide side) {
        SweepResults results = curves.results().get();
        if (results == null || side.line().getValue() == null || side.log2Cr().getValue() == null) {
            return Optional.empty();
        }
        return results.modelFile(side.line().getValue(), side.compressionRatio());
    }

    private Rectangle region() {
        return SegmentTask.regionFor(left.viewer().view(), slide.width(), slide.height());
    }

    private static String key(Path model, Rectangle region) {
        return model + "@" + region.x + "," + region.y + "," + region.width + "x" + region.height;
    }

    /** Side by side: two viewers; swipe: the left viewer alone under both bars, split by the divider. */
    private void arrange(boolean swiping) {
        if (swiping) {
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox bars = new HBox(8, left.bar(), gap, right.bar());
            bars.getStyleClass().add("compare-bar");
            VBox.setVgrow(left.viewerStack(), Priority.ALWAYS);
            setCenter(new VBox(bars, left.viewerStack()));
        } else {
            left.reattach();
            right.reattach();
            setCenter(sides);
        }
        repaintOverlays();
    }

    private void repaintOverlays() {
        Optional<Overlay> leftCells = overlayOf(left);
        Optional<Overlay> rightCells = overlayOf(right);
        if (swipe.get()) {
            double at = divider.position().get();
            List<Overlay> split = new ArrayList<>();
            leftCells.ifPresent(overlay -> split.add(new SwipeClip(overlay, at, true)));
            rightCells.ifPresent(overlay -> split.add(new SwipeClip(overlay, at, false)));
            left.viewer().setState(left.viewer().state().withOverlays(split));
        } else {
            left.viewer().setState(left.viewer().state().withOverlays(leftCells.stream().toList()));
            right.viewer().setState(right.viewer().state().withOverlays(rightCells.stream().toList()));
        }
    }

    private Optional<Overlay> overlayOf(CompareSide side) {
        return Optional.ofNullable(side.layer().get())
                .map(layer -> new InstanceOverlay(layer, style.get(), overlayCache));
    }
}
