package org.histoprune.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
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
import org.histoprune.app.session.LayerItem;
import org.histoprune.app.session.Session;
import org.histoprune.app.viewer.OverviewPane;
import org.histoprune.app.viewer.SegmentTask;
import org.histoprune.app.viewer.SlideViewer;
import org.histoprune.app.viewer.ViewSegmenter;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.BundledModel;
import org.histoprune.nn.NucleiModel;
import org.histoprune.render.ImageCache;
import org.histoprune.render.InstanceOverlay;
import org.histoprune.render.NucleusHighlight;
import org.histoprune.render.Overlay;
import org.histoprune.render.OverlayStyle;
import org.histoprune.render.RenderState;
import org.histoprune.render.SlideImage;
import org.histoprune.render.SlideTiles;
import org.histoprune.render.TissueFinder;

/**
 * Builds the main window's content and wires it to one {@link Session}: menus and toolbar, the viewer with its
 * overview, the side panel and the status bar. Views and controllers read and change the session; the
 * workbench listens to it (a new slide or model, a changed layer list) and nothing calls back into it.
 * Opening slides and exporting run in the background through the {@link JobRunner}.
 */
public final class Workbench extends BorderPane {
    private static final long TILE_CACHE_PIXELS = 96L << 20;

    private final Stage stage;
    private final Startup startup;
    private final JobRunner jobs;
    private final FxThread fx;
    private final RecentFiles recent;
    private final DisplayPreferences display;
    private final SessionPreferences preferences;
    private final Session session = new Session();
    private final MatchPanel matchPanel;
    private final NucleiFiles nucleiFiles;
    private final ImageCache<InstanceOverlay.Key> overlayCache = InstanceOverlay.newCache();
    private final SlideViewer viewer = new SlideViewer();
    private final OverviewPane overview = new OverviewPane(viewer);
    private final ObjectProperty<OverlayStyle> style;
    private final StatusBar status;
    private final SidePanel side;
    private final CompressionViews compressionViews;
    private final Menu recentMenu = new Menu("Open Recent");
    private final Label placeholder = new Label("Drop a slide here, or use File \u25b8 Open\u2026");
    private final ModelPanel modelPanel = new ModelPanel(session, this::chooseAndLoadModel, BundledModel.shipped(),
            this::loadBundledModel);
    private final CellModels cellModels;
    private final ViewSegmenter segmenter;
    private final PruningControls pruning;
    private NucleusHighlight highlight;
    /** The single viewer while compare replaces it. */
    private Node singleView;
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
        this.cellModels = new CellModels(model -> jobs.whenIdle(model::close));
        this.preferences = new SessionPreferences(startup.preferences().node("session"));
        this.matchPanel = new MatchPanel(session.layers(), jobs, this::updateOverlays, status::showError);
        this.nucleiFiles = new NucleiFiles(stage, startup.dialogs(), preferences, jobs, status, session);
        this.side = new SidePanel(session.layers(), style);
        this.segmenter = new ViewSegmenter(session, viewer, jobs, status);
        this.pruning = new PruningControls(session, segmenter, stage, startup.dialogs(),
                startup.preferences().node("pruning"), jobs, fx, status, cellModels);
        this.compressionViews = new CompressionViews(session.compression(), stage, this, startup.dialogs(), jobs,
                status, style, overlayCache, pruning::openSweepResults);
        session.model().addListener((property, old, now) -> modelChanged(old, now));
        session.slide().addListener((property, old, now) -> takeFirstLook());
        compressionViews.compare().shown().addListener((property, old, shown) -> showCompare(shown));
        compressionViews.charts().followTraining(pruning.trainingLog().points());
        getStyleClass().add("workbench");
        setTop(new VBox(menuBar(), toolBar()));
        setCenter(viewerStack());
        setRight(side);
        setLeft(compressionViews.charts());
        setBottom(status);
        session.layers().addListener((ListChangeListener<LayerItem>) change -> {
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
        modelPanel.bundledPicker().disableProperty().bind(jobs.currentJobProperty().isNotNull());
        side.addSection("Pruning", pruning.panel());
        jobs.background(startup.models()::load, loaded -> session.setModel(loaded.orElse(null),
                loaded.isPresent() ? "Bundled model" : "No bundled model in this build"), error -> {
                    session.setModel(null, "No model");
                    status.showError("Bundled model not loaded: " + error.getMessage());
                });
    }

    /** What the window shows and works on. */
    public Session session() {
        return session;
    }

    public SlideViewer viewer() {
        return viewer;
    }

    /** The pruning controls: jobs, the training log ({@code pruning().trainingLog()}). */
    PruningControls pruning() {
        return pruning;
    }

    /** Charts, floating curves, CR playback, demo mode and compare. */
    CompressionViews compressionViews() {
        return compressionViews;
    }

    /** Window placement and the folders last used. */
    SessionPreferences preferences() {
        return preferences;
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

    /** Asks where to write the current view as PNG, then writes it as a background job. */
    void exportView() {
        SlideImage slide = session.currentSlide();
        if (slide == null || jobs.busy()) {
            return;
        }
        String name = slide.name().replaceFirst("\\.[^.]+$", "") + "-view.png";
        startup.dialogs().chooseExportTarget(stage, name).ifPresent(target ->
                jobs.start(new ViewExportTask(viewer.view(), viewer.state(), target)));
    }

    /** The models of sweep cells kept loaded. */
    CellModels cellModels() {
        return cellModels;
    }

    /** Segments the visible part of the slide (at most a 2048 px square) with the current model. */
    ViewSegmenter segmenter() {
        return segmenter;
    }

    /** Frees the slide and the models once no job uses them: call after {@link JobRunner#close}. */
    void close() {
        preferences.rememberWindow(stage);
        viewer.dispose();
        SlideImage slide = session.currentSlide();
        NucleiModel model = session.currentModel();
        jobs.whenIdle(() -> {
            closeQuietly(slide);
            cellModels.clear(model);
            if (model != null) {
                model.close();
            }
        });
    }

    /** The previous model is closed, once no job uses it, unless the sweep cell cache keeps it. */
    private void modelChanged(NucleiModel previous, NucleiModel now) {
        if (previous != null && previous != now && !cellModels.holds(previous)) {
            jobs.whenIdle(previous::close);
        }
        // After the model panel has shown the new model: the bars are not needed within this event.
        fx.execute(() -> compressionViews.showModel(session.currentModel()));
        takeFirstLook();
    }

    private void chooseAndLoadModel() {
        startup.dialogs().chooseModel(stage).ifPresent(path -> {
            status.showMessage("Loading " + path.getFileName() + "\u2026");
            jobs.background(() -> NucleiModel.load(path), loaded -> {
                session.setModel(loaded, path.getFileName().toString());
                status.showMessage("Model " + path.getFileName() + " loaded");
            }, error -> status.showError("Cannot load " + path.getFileName() + ": " + error.getMessage()));
        });
    }

    /** Whole-slide segmentation and every view then use the picked model. */
    private void loadBundledModel(BundledModel picked) {
        status.showMessage("Loading " + picked.label() + "\u2026");
        jobs.background(() -> picked.load().orElseThrow(() -> new IllegalStateException(picked.missingMessage())),
                loaded -> {
                    session.setModel(loaded, picked.label());
                    status.showMessage("Model " + picked.label() + " loaded");
                }, error -> status.showError("Cannot load " + picked.label() + ": " + error.getMessage()));
    }

    private void show(OpenedSlide opened) {
        SlideImage previous = session.currentSlide();
        overlayCache.clear();
        SlideTiles tiles = new SlideTiles(opened.reader(), TILE_CACHE_PIXELS, jobs.readers(), fx.coalescing(() -> {
            viewer.repaint();
            compressionViews.repaint();
        }),
                fx.consumer(error -> status.showError("Tile read failed: " + error.getMessage())));
        SlideImage slide = new SlideImage(tiles, opened.thumbnail());
        session.layers().clear();
        opened.layers().forEach(session::addLayer);
        viewer.setState(new RenderState(slide, overlays()));
        overview.setSlide(slide);
        side.showSlide(slide);
        placeholder.setVisible(false);
        recent.add(opened.reader().path());
        preferences.rememberDatasetFolder(opened.reader().path());
        stage.setTitle(slide.name() + " \u2013 HistoPrune");
        status.showMessage("Opened " + slide.name());
        session.slide().set(slide);
        closeQuietly(previous);
    }

    /**
     * On the first slide with a model: zoom to the most stained field at full resolution and segment it, so a
     * first run shows nuclei without a click.
     */
    private void takeFirstLook() {
        SlideImage slide = session.currentSlide();
        if (!firstLook || slide == null || session.currentModel() == null || jobs.busy()) {
            return;
        }
        firstLook = false;
        double[] centre = TissueFinder.densestField(slide.thumbnail(), slide.width(), slide.height(),
                SegmentTask.MAX_SIDE / 2);
        viewer.showAt(centre[0], centre[1], 1);
        segmenter.segmentView();
    }

    /** Compare takes the viewer's place, starting at its view, and gives it back when closed. */
    private void showCompare(boolean shown) {
        if (shown) {
            if (session.currentSlide() == null) {
                status.showMessage("Open a slide to compare");
                compressionViews.compare().shown().set(false);
                return;
            }
            singleView = getCenter();
            setCenter(compressionViews.compare());
            layout(); // the two viewers get their real size, so the first region segmented fits them
            compressionViews.compare().open(session.currentSlide(), viewer.view());
        } else if (singleView != null) {
            setCenter(singleView);
        }
    }

    private void updateOverlays() {
        viewer.setState(viewer.state().withOverlays(overlays()));
    }

    private List<Overlay> overlays() {
        List<Overlay> overlays = new ArrayList<>(matchPanel.overlays(style.get(), overlayCache));
        for (LayerItem item : session.layers()) {
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
        SlideImage slide = session.currentSlide();
        if (slide == null) {
            return;
        }
        var micronsPerPixel = slide.micronsPerPixel();
        status.showPosition(micronsPerPixel.isPresent()
                ? String.format(Locale.ROOT, "x %,.1f  y %,.1f \u00b5m", point.getX() * micronsPerPixel.getAsDouble(),
                        point.getY() * micronsPerPixel.getAsDouble())
                : String.format(Locale.ROOT, "x %,d  y %,d px", (int) point.getX(), (int) point.getY()));
        NucleusHighlight hovered = null;
        List<LayerItem> layers = session.layers();
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
                segmenter::segmentView);
        segment.setId("segment");
        segment.getStyleClass().add("accent-button");
        segment.visibleProperty().bind(session.model().isNotNull());
        segment.managedProperty().bind(segment.visibleProperty());
        segment.disableProperty().bind(jobs.currentJobProperty().isNotNull().or(session.slide().isNull()));
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
