package org.histoprune.app.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import org.histoprune.app.jobs.JobRunner;
import org.histoprune.app.jobs.StatusBar;
import org.histoprune.app.overlay.LayerRoles;
import org.histoprune.app.session.Session;
import org.histoprune.image.LabelImage;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.RasterFiles;
import org.histoprune.render.InstanceLayer;
import org.histoprune.render.SlideImage;

/**
 * The File menu's nuclei actions: open a ground-truth label image for the slide, and export the newest
 * prediction as a label image, GeoJSON or CSV, each a background job remembering its folder.
 */
public final class NucleiFiles {
    private final Window owner;
    private final FileDialogs dialogs;
    private final SessionPreferences folders;
    private final JobRunner jobs;
    private final StatusBar status;
    private final Session session;

    /** Reads the slide and the prediction from the session; the ground truth becomes one of its layers. */
    public NucleiFiles(Window owner, FileDialogs dialogs, SessionPreferences folders, JobRunner jobs, StatusBar status,
            Session session) {
        this.owner = owner;
        this.dialogs = dialogs;
        this.folders = folders;
        this.jobs = jobs;
        this.status = status;
        this.session = session;
    }

    public MenuItem openGroundTruthItem() {
        MenuItem item = new MenuItem("Open ground truth\u2026");
        item.setId("open-ground-truth");
        item.setOnAction(event -> chooseGroundTruth());
        return item;
    }

    public Menu exportMenu() {
        Menu menu = new Menu("Export nuclei");
        menu.setId("export-nuclei");
        for (NucleiFormat format : NucleiFormat.values()) {
            MenuItem item = new MenuItem(format.title + "\u2026");
            item.setId("export-" + format.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            item.setOnAction(event -> chooseAndExport(format));
            menu.getItems().add(item);
        }
        menu.setOnShowing(event -> menu.getItems().forEach(item -> item.setDisable(jobs.busy()
                || LayerRoles.prediction(session.layers(), false).isEmpty())));
        return menu;
    }

    void chooseGroundTruth() {
        SlideImage image = session.currentSlide();
        if (image == null) {
            return;
        }
        dialogs.chooseFile(owner, FileRequest.open("Open ground truth", "Label images",
                List.of("*.png", "*.tif", "*.tiff"), folders.datasetFolder())).ifPresent(file -> openGroundTruth(image, file));
    }

    /** Reads a label image the size of the slide and shows it as the ground-truth layer. */
    void openGroundTruth(SlideImage image, Path file) {
        status.showMessage("Reading " + file.getFileName() + "\u2026");
        jobs.background(() -> {
            LabelImage labels = RasterFiles.readLabels(file);
            if (!labels.sameSizeAs(image.width(), image.height())) {
                throw new InvalidInputException(file, String.format(Locale.ROOT,
                        "labels are %d x %d px but the slide is %d x %d px", labels.width(), labels.height(),
                        image.width(), image.height()));
            }
            return new InstanceLayer(LayerRoles.GROUND_TRUTH, 0, 0, labels, OpenedSlide.GROUND_TRUTH_RGB);
        }, layer -> {
            if (session.currentSlide() == image) {
                session.addLayer(layer);
                folders.rememberDatasetFolder(file);
                status.showMessage(String.format(Locale.ROOT, "Ground truth: %,d nuclei from %s", layer.count(),
                        file.getFileName()));
            }
        }, error -> status.showError(oneLine(error)));
    }

    void chooseAndExport(NucleiFormat format) {
        SlideImage image = session.currentSlide();
        InstanceLayer prediction = LayerRoles.prediction(session.layers(), false).orElse(null);
        if (image == null || jobs.busy()) {
            return;
        }
        if (prediction == null) {
            status.showMessage("No predicted nuclei to export: segment the view first");
            return;
        }
        dialogs.chooseFile(owner, FileRequest.save("Export nuclei as " + format.title, format.title,
                "*." + format.extension, format.fileNameFor(image.name()), folders.exportFolder()))
                .ifPresent(target -> export(prediction, image, format, target));
    }

    private void export(InstanceLayer prediction, SlideImage image, NucleiFormat format, Path target) {
        NucleiExportTask task = new NucleiExportTask(prediction, image.reader(), format, target);
        task.setOnSucceeded(event -> {
            Path written = task.getValue();
            folders.rememberExportFolder(written);
            status.showMessage(String.format(Locale.ROOT, "Exported %,d nuclei to %s", prediction.count(),
                    written.getFileName()));
        });
        jobs.start(task);
    }

    private static String oneLine(Exception error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
