package org.histoprune.app;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.histoprune.app.files.NucleiFiles;
import org.histoprune.app.files.OpenedSlide;
import org.histoprune.app.files.RecentFiles;
import org.histoprune.app.files.SessionPreferences;
import org.histoprune.app.files.ViewExportTask;
import org.histoprune.app.icons.Icons;
import org.histoprune.app.jobs.FxThread;
import org.histoprune.app.jobs.JobRunner;
import org.histoprune.app.jobs.StatusBar;
import org.histoprune.app.model.ModelPanel;
import org.histoprune.app.overlay.DisplayPreferences;
import org.histoprune.app.overlay.MatchPanel;
import org.histoprune.app.overlay.SidePanel;
import org.histoprune.app.pruning.CellModels;
import org.histoprune.app.pruning.PruningControls;
import org.histoprune.app.session.CompressionChoice;
import org.histoprune.app.session.LayerItem;
import org.histoprune.app.viewer.OverviewPane;
import org.histoprune.app.viewer.SegmentTask;
import org.histoprune.app.viewer.SlideViewer;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.TilingOptions;
import org.histoprune.render.ImageCache;
import org.histoprune.render.InstanceLayer;
import org.histoprune.render.InstanceOverlay;
import org.histoprune.render.NucleusHighlight;
import org.histoprune.render.Overlay;
import org.histoprune.render.OverlayStyle;
import org.histoprune.render.RenderState;
import org.histoprune.render.SlideImage;
import org.histoprune.render.SlideTiles;
import org.histoprune.render.TissueFinder;

/**
 * The main window's content and its wiring: menus and toolbar, the viewer with its overview, the side panel
 * and the status bar. Opening slides and exporting run in the background through the {@link JobRunner}.
 */
public final class Workbench extends BorderPane {
    private static final long TILE_CACHE_PIXELS = 96L << 20;

    private final Stage stage;
    private final Startup startup;
    private final JobRunner jobs;
    private final FxThread fx;
    private final RecentFiles recent;
    private final DisplayPreferences display;
    private final SessionPreferences session;
    private final MatchPanel matchPanel;
    private final NucleiFiles nucleiFiles;
    private final ImageCache<InstanceOverlay.Key> overlayCache = InstanceOverlay.newCache();
    private final SlideViewer viewer = new SlideViewer();
    private final OverviewPane overview = new OverviewPane(viewer);
    private final ObservableList<LayerItem> layers = FXCollections.observableArrayList(
            item -> new javafx.beans.Observable[] {item.visible()});
    private final ObjectProperty<OverlayStyle> style;
    private final StatusBar status;
    private final SidePanel side;
    private final CompressionViews compressionViews;
    private final Menu recentMenu = new Menu("Open Recent");
    private final Label placeholder = new Label("Drop a slide here, or use File \u25b8 Open\u2026");
    private final ModelPanel modelPanel = new ModelPanel(this::chooseAndLoadModel);
    private final ObjectProperty<NucleiModel> model = new SimpleObjectProperty<>(this, "model");
    private final CompressionChoice compression = new CompressionChoice();
    private final ObjectProperty<SlideImage> slideShown = new SimpleObjectProperty<>(this, "slide");
    private final CellModels cellModels = new CellModels();
    private final PruningControls pruning;
    private SlideImage slide;
    private NucleusHighlight highlight;
    /** The first slide and model of a run meet once: the view moves to tissue and is segmented. */
    private boolean firstLook = true;

    Workbench(Stage stage, Startup startup, JobRunner jobs, FxThread fx) {
        this.stage = stage;
        this.startup = startup;
        this.jobs = jobs;
        this.fx = fx;
        this.recent = new RecentFiles(startup.preferences().node("recent"));
        this.display = new DisplayPreferences(startup.preferences().node("display"));
        this.style = new SimpleObjectProperty<>(display.load());
        this.status = new StatusBar(jobs);
        this.session = new SessionPreferences(startup.preferences().node("session"));
        this.matchPanel = new MatchPanel(layers, jobs, this::updateOverlays, status::showError);
        this.nucleiFiles = new NucleiFiles(stage, startup.dialogs(), session, jobs, status, this::slide, layers,
                this::addLayer);
        this.side = new SidePanel(layers, style);
        this.pruning = new PruningControls(this, stage, startup, jobs, fx, status, cellModels);
        this.compressionViews = new CompressionViews(this, stage, startup.dialogs(), jobs, status, style, overlayCache);
        // After the model panel has shown the new model: the bars are not needed within this event.
        model.addListener((property, old, now) -> fx.execute(() -> compressionViews.showModel(model.get())));
        compressionViews.charts().followTraining(pruning.trainingLog().points());
        getStyleClass().add("workbench");
        setTop(new VBox(menuBar(), toolBar()));
        setCenter(viewerStack());
        setRight(side);
        setLeft(compressionViews.charts());
        setBottom(status);
        layers.addListener((ListChangeListener<LayerItem>) change -> {
            highlight = null;
            updateOverlays();
        });
        style.addListener((property, old, now) -> {
            display.save(now);
            updateOverlays();
        });
        viewer.setOnOpen(this::openSlide);
        viewer.setOnHover(this::hovered);
        side.addSection("Model", modelPanel);
        side.addSection("Match", matchPanel);
        modelPanel.loadButton().disableProperty().bind(jobs.currentJobProperty().isNotNull());
        side.addSection("Pruning", pruning.panel());
        jobs.background(startup.models()::load, loaded -> setModel(loaded.orElse(null), "Bundled model"),
                error -> {
                    modelPanel.showModel(null, "No model");
                    status.showError("Bundled model not loaded: " + error.getMessage());
                });
    }

    public SlideViewer viewer() {
        return viewer;
    }

    public CompressionChoice compression() {
        return compression;
    }

    /** The pruning controls: jobs, the training log ({@code pruning().trainingLog()}). */
    PruningControls pruning() {
        return pruning;
    }

    /** Charts, floating curves, CR playback, demo mode and compare. */
    CompressionViews compressionViews() {
        return compressionViews;
    }

    public ObservableList<LayerItem> layers() {
        return layers;
    }

    public SlideImage slide() {
        return slide;
    }

    SessionPreferences session() {
        return session;
    }

    MatchPanel matchPanel() {
        return matchPanel;
    }

    /** Opens a slide in the background; the view switches to it when its thumbnail is ready. */
    void openSlide(Path path) {
        status.showMessage("Opening " + path.getFileName() + "\u2026");
        jobs.background(() -> OpenedSlide.open(startup.opener(), path), this::show,
                error -> status.showError(error instanceof InvalidInputException ? error.getMessage()
                        : "Cannot open " + path.getFileName() + ": " + error.getMessage()));
    }

    public void addLayer(InstanceLayer layer) {
        layers.removeIf(item -> item.layer().name().equals(layer.name()));
        layers.add(new LayerItem(layer));
    }

    /** Asks where to write the current view as PNG, then writes it as a background job. */
    void exportView() {
        if (slide == null || jobs.busy()) {
            return;
        }
        String name = slide.name().replaceFirst("\\.[^.]+$", "") + "-view.png";
        startup.dialogs().chooseExportTarget(stage, name).ifPresent(target ->
                jobs.start(new ViewExportTask(viewer.view(), viewer.state(), target)));
    }

    /** Segments the visible part of the slide (at most a 2048 px square) with the loaded model. */
    public void segmentView() {
        if (slide == null || model.get() == null || jobs.busy()) {
            return;
        }
        Rectangle region = SegmentTask.regionFor(viewer.view(), slide.width(), slide.height());
        if (region.isEmpty()) {
            status.showMessage("Nothing to segment: the view is outside the slide");
            return;
        }
        SegmentTask task = new SegmentTask(model.get(), slide.reader(), region, TilingOptions.defaults());
        task.setOnSucceeded(event -> {
            addLayer(task.getValue());
            status.showMessage(String.format(Locale.ROOT, "Segmented %,d nuclei in %,d \u00d7 %,d px",
                    task.getValue().count(), region.width, region.height));
        });
        jobs.start(task);
    }

    public NucleiModel model() {
        return model.get();
    }

    /** The current model (null: none); changes on the FX thread whenever another model becomes current. */
    public ReadOnlyObjectProperty<NucleiModel> modelProperty() {
        return model;
    }

    void close() {
        session.rememberWindow(stage);
        viewer.dispose();
        closeQuietly(slide);
        cellModels.clear(model.get());
        if (model.get() != null) {
            model.get().close();
        }
    }

    /** Makes a model current; the previous one is closed unless the sweep cell cache keeps it. */
    public void setModel(NucleiModel newModel, String source) {
        NucleiModel previous = model.get();
        modelPanel.showModel(newModel, newModel == null ? "No bundled model in this build" : source);
        model.set(newModel);
        if (previous != null && previous != newModel && !cellModels.holds(previous)) {
            previous.close();
        }
        takeFirstLook();
    }

    private void chooseAndLoadModel() {
        startup.dialogs().chooseModel(stage).ifPresent(path -> {
            status.showMessage("Loading " + path.getFileName() + "\u2026");
            jobs.background(() -> NucleiModel.load(path), loaded -> {
                setModel(loaded, path.getFileName().toString());
                status.showMessage("Model " + path.getFileName() + " loaded");
            }, error -> status.showError("Cannot load " + path.getFileName() + ": " + error.getMessage()));
        });
    }

    private void show(OpenedSlide opened) {
        SlideImage previous = slide;
        overlayCache.clear();
        SlideTiles tiles = new SlideTiles(opened.reader(), TILE_CACHE_PIXELS, jobs.readers(), fx.coalescing(() -> {
            viewer.repaint();
            compressionViews.repaint();
        }),
                fx.consumer(error -> status.showError("Tile read failed: " + error.getMessage())));
        slide = new SlideImage(tiles, opened.thumbnail());
        layers.clear();
        opened.layers().forEach(this::addLayer);
        viewer.setState(new RenderState(slide, overlays()));
        overview.setSlide(slide);
        side.showSlide(slide);
        placeholder.setVisible(false);
        slideShown.set(slide);
        recent.add(opened.reader().path());
        session.rememberDatasetFolder(opened.reader().path());
        stage.setTitle(slide.name() + " \u2013 HistoPrune");
        status.showMessage("Opened " + slide.name());
        closeQuietly(previous);
        takeFirstLook();
    }

    /**
     * On the first slide with a model: zoom to the most stained field at full resolution and segment it, so a
     * first run shows nuclei without a click.
     */
    private void takeFirstLook() {
        if (!firstLook || slide == null || model.get() == null || jobs.busy()) {
            return;
        }
        firstLook = false;
        double[] centre = TissueFinder.densestField(slide.thumbnail(), slide.width(), slide.height(),
                SegmentTask.MAX_SIDE / 2);
        viewer.showAt(centre[0], centre[1], 1);
        segmentView();
    }

    private void updateOverlays() {
        viewer.setState(viewer.state().withOverlays(overlays()));
    }

    private List<Overlay> overlays() {
        List<Overlay> overlays = new ArrayList<>(matchPanel.overlays(style.get(), overlayCache));
        for (LayerItem item : layers) {
            if (item.visible().get() && !matchPanel.replaces(item.layer())) {
                overlays.add(new InstanceOverlay(item.layer(), style.get(), overlayCache));
            }
        }
        if (highlight != null) {
            overlays.add(highlight);
        }
        return overlays;
    }

    private void hovered(Point2D point) {
        if (slide == null) {
            return;
        }
        var micronsPerPixel = slide.micronsPerPixel();
        status.showPosition(micronsPerPixel.isPresent()
                ? String.format(Locale.ROOT, "x %,.1f  y %,.1f \u00b5m", point.getX() * micronsPerPixel.getAsDouble(),
                        point.getY() * micronsPerPixel.getAsDouble())
                : String.format(Locale.ROOT, "x %,d  y %,d px", (int) point.getX(), (int) point.getY()));
        NucleusHighlight hovered = null;
        for (int i = layers.size() - 1; i >= 0 && hovered == null; i--) {
            LayerItem item = layers.get(i);
            hovered = item.visible().get() ? NucleusHighlight.at(item.layer(), point.getX(), point.getY()) : null;
        }
        String text = "";
        if (hovered != null) {
            int area = hovered.layer().area(hovered.id());
            text = String.format(Locale.ROOT, "%s #%d \u00b7 %,d px\u00b2", hovered.layer().name(), hovered.id(), area)
                    + (micronsPerPixel.isPresent() ? String.format(Locale.ROOT, " (%.1f \u00b5m\u00b2)",
                            area * micronsPerPixel.getAsDouble() * micronsPerPixel.getAsDouble()) : "");
        }
        status.showNucleus(text);
        boolean changed = hovered == null ? highlight != null
                : highlight == null || highlight.layer() != hovered.layer() || highlight.id() != hovered.id();
        if (changed) {
            highlight = hovered;
            updateOverlays();
        }
    }

    private Node viewerStack() {
        placeholder.getStyleClass().add("placeholder");
        StackPane.setAlignment(overview, Pos.TOP_RIGHT);
        StackPane.setMargin(overview, new Insets(12));
        StackPane stack = new StackPane(viewer, placeholder, overview, compressionViews.floating());
        placeholder.setMouseTransparent(true);
        stack.getStyleClass().add("viewer-stack");
        return stack;
    }

    private MenuBar menuBar() {
        MenuItem open = item("Open\u2026", "Shortcut+O", this::chooseAndOpen);
        MenuItem export = item("Export view as PNG\u2026", "Shortcut+E", this::exportView);
        MenuItem quit = item("Quit", "Shortcut+Q", stage::close);
        recentMenu.setOnShowing(event -> fillRecentMenu());
        fillRecentMenu();
        Menu file = new Menu("File", null, open, recentMenu, nucleiFiles.openGroundTruthItem(), new SeparatorMenuItem(),
                export, nucleiFiles.exportMenu(), new SeparatorMenuItem(), pruning.openResultsItem(),
                pruning.saveModelItem(), new SeparatorMenuItem(), quit);
        Menu view = new Menu("View", null, item("Zoom in\t+", null, () -> viewer.zoom(1 / 1.5)),
                item("Zoom out\t\u2212", null, () -> viewer.zoom(1.5)), item("Fit\t0", null, viewer::fit),
                item("Actual pixels (1:1)\t1", null, viewer::oneToOne));
        view.getItems().addAll(compressionViews.menuItems());
        return new MenuBar(file, view);
    }

    private ToolBar toolBar() {
        Label zoom = new Label();
        zoom.setId("zoom-label");
        zoom.getStyleClass().add("zoom-label");
        zoom.textProperty().bind(viewer.transformProperty().map(view ->
                String.format(Locale.ROOT, "%.1f %%", 100 / view.downsample())));
        Region spacer = new Region();
        javafx.scene.layout.HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        Button oneToOne = button("1:1", null, "Actual pixels (1)", viewer::oneToOne);
        oneToOne.setId("one-to-one");
        ToolBar bar = new ToolBar(button("Open", Icons.OPEN, "Open a slide (Ctrl+O)", this::chooseAndOpen),
                new javafx.scene.control.Separator(),
                button(null, Icons.ZOOM_IN, "Zoom in (+)", () -> viewer.zoom(1 / 1.5)),
                button(null, Icons.ZOOM_OUT, "Zoom out (\u2212)", () -> viewer.zoom(1.5)),
                button(null, Icons.FIT, "Fit the slide (0)", viewer::fit), oneToOne, zoom,
                new javafx.scene.control.Separator(),
                exportButton(), new javafx.scene.control.Separator());
        bar.getItems().addAll(compressionViews.toolbarButtons());
        bar.getItems().addAll(spacer, segmentButton());
        return bar;
    }

    private Button segmentButton() {
        Button segment = button("Segment view", Icons.SEGMENT, "Find nuclei in the view with the loaded model",
                this::segmentView);
        segment.setId("segment");
        segment.getStyleClass().add("accent-button");
        segment.visibleProperty().bind(model.isNotNull());
        segment.managedProperty().bind(segment.visibleProperty());
        segment.disableProperty().bind(jobs.currentJobProperty().isNotNull().or(slideShown.isNull()));
        return segment;
    }

    private Button exportButton() {
        Button export = button("Export", Icons.EXPORT, "Export the view as PNG (Ctrl+E)", this::exportView);
        export.setId("export-view");
        export.disableProperty().bind(jobs.currentJobProperty().isNotNull());
        return export;
    }

    private void chooseAndOpen() {
        startup.dialogs().chooseSlide(stage).ifPresent(this::openSlide);
    }

    private void fillRecentMenu() {
        recentMenu.getItems().clear();
        for (Path path : recent.list()) {
            recentMenu.getItems().add(item(path.getFileName().toString(), null, () -> openSlide(path)));
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(event -> action.run());
        return item;
    }

    private static Button button(String text, String icon, String tip, Runnable action) {
        Button button = new Button(text, icon == null ? null : Icons.icon(icon));
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(event -> action.run());
        button.setFocusTraversable(false);
        return button;
    }

    private static void closeQuietly(SlideImage image) {
        if (image != null) {
            image.tiles().retire();
            try {
                image.reader().close();
            } catch (IOException e) {
                // Closing a read-only file cannot lose data; nothing to tell the user.
            }
        }
    }
}
