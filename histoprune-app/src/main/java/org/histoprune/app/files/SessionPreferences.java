package org.histoprune.app.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the workbench remembers between runs besides recent files and the overlay style: folders and the window. */
public final class SessionPreferences {
    /** Where and how large the main window was. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
        /** These bounds if their title bar lies on one of the screens, so a window never reopens out of reach. */
        Optional<WindowBounds> onScreen(List<Rectangle2D> screens) {
            Rectangle2D titleBar = new Rectangle2D(x, y, width, Math.min(height, 32));
            return width >= 200 && height >= 150 && screens.stream().anyMatch(screen -> screen.intersects(titleBar))
                    ? Optional.of(this) : Optional.empty();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionPreferences.class);
    private static final String EXPORT_FOLDER = "exportFolder";
    private static final String DATASET_FOLDER = "datasetFolder";

    private final Preferences node;

    public SessionPreferences(Preferences node) {
        this.node = node;
    }

    /** The folder of the last export, if it still exists. */
    public Optional<Path> exportFolder() {
        return folder(EXPORT_FOLDER);
    }

    void rememberExportFolder(Path exported) {
        rememberFolderOf(EXPORT_FOLDER, exported);
    }

    /** The folder of the last slide or ground truth opened, if it still exists. */
    public Optional<Path> datasetFolder() {
        return folder(DATASET_FOLDER);
    }

    public void rememberDatasetFolder(Path opened) {
        rememberFolderOf(DATASET_FOLDER, opened);
    }

    public Optional<WindowBounds> window() {
        double width = node.getDouble("window.width", 0);
        double height = node.getDouble("window.height", 0);
        if (width <= 0 || height <= 0) {
            return Optional.empty();
        }
        return Optional.of(new WindowBounds(node.getDouble("window.x", 0), node.getDouble("window.y", 0), width,
                height, node.getBoolean("window.maximized", false)));
    }

    void saveWindow(WindowBounds bounds) {
        node.putDouble("window.x", bounds.x());
        node.putDouble("window.y", bounds.y());
        node.putDouble("window.width", bounds.width());
        node.putDouble("window.height", bounds.height());
        node.putBoolean("window.maximized", bounds.maximized());
        flush();
    }

    /** Puts the stage where it was last time, when that is still on a screen. */
    public void placeWindow(Stage stage) {
        window().flatMap(bounds -> bounds.onScreen(Screen.getScreens().stream().map(Screen::getVisualBounds)
                .toList())).ifPresent(bounds -> {
                    stage.setX(bounds.x());
                    stage.setY(bounds.y());
                    stage.setWidth(bounds.width());
                    stage.setHeight(bounds.height());
                    stage.setMaximized(bounds.maximized());
                });
    }

    /** Saves where the stage is now, for {@link #placeWindow} on the next run. */
    public void rememberWindow(Stage stage) {
        saveWindow(new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized()));
    }

    private Optional<Path> folder(String key) {
        return Optional.ofNullable(node.get(key, null)).map(Path::of).filter(Files::isDirectory);
    }

    private void rememberFolderOf(String key, Path file) {
        Path folder = Files.isDirectory(file) ? file : file.toAbsolutePath().getParent();
        if (folder != null) {
            node.put(key, folder.toAbsolutePath().normalize().toString());
            flush();
        }
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            LOG.warn("preferences not saved: {}", e.getMessage());
        }
    }
}
