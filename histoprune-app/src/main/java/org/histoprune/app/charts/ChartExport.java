package org.histoprune.app.charts;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.paint.Color;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.histoprune.app.files.FileDialogs;
import org.histoprune.app.jobs.JobRunner;
import org.histoprune.app.jobs.StatusBar;
import org.histoprune.io.AtomicFiles;

/** Writes a chart as PNG: a snapshot on the FX thread, encoded and written atomically in the background. */
public final class ChartExport {
    private static final Color BACKGROUND = Color.web("#24272b");

    private final Window owner;
    private final FileDialogs dialogs;
    private final JobRunner jobs;
    private final StatusBar status;

    public ChartExport(Window owner, FileDialogs dialogs, JobRunner jobs, StatusBar status) {
        this.owner = owner;
        this.dialogs = dialogs;
        this.jobs = jobs;
        this.status = status;
    }

    /** Asks where to write {@code chart}, then writes it. */
    void export(Node chart, String suggestedName) {
        dialogs.chooseExportTarget(owner, suggestedName).ifPresent(target -> {
            BufferedImage image = snapshot(chart);
            jobs.background(() -> {
                write(image, target);
                return target;
            }, written -> status.showMessage("Chart written to " + written.getFileName()),
                    error -> status.showError("Cannot write " + target.getFileName() + ": " + error.getMessage()));
        });
    }

    /** The node as it is on screen, on the panel's background (call on the FX thread). */
    public static BufferedImage snapshot(Node node) {
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(BACKGROUND);
        return SwingFXUtils.fromFXImage(node.snapshot(parameters, null), null);
    }

    static void write(BufferedImage image, Path target) throws IOException {
        AtomicFiles.write(target, out -> ImageIO.write(image, "png", out));
    }
}
