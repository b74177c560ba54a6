package org.histoprune.app.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import org.histoprune.app.overlay.DisplayPreferences;
import org.histoprune.render.OverlayStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything the workbench stores, through a real preferences node under a throw-away test root. */
class SessionPreferencesTest {
    @TempDir
    Path temp;
    private String nodePath;
    private Preferences root;

    @BeforeEach
    void createNode() {
        nodePath = "org/histoprune/test/session-" + UUID.randomUUID();
        root = Preferences.userRoot().node(nodePath);
    }

    @AfterEach
    void removeNode() throws Exception {
        root.removeNode();
        root.flush();
    }

    /** The same node as a new run of the app sees it. */
    private Preferences reopened() {
        return Preferences.userRoot().node(nodePath);
    }

    @Test
    void foldersAreRememberedFromTheFilesWrittenAndOpened() throws Exception {
        SessionPreferences session = new SessionPreferences(root.node("session"));
        assertEquals(Optional.empty(), session.exportFolder());
        Path exports = Files.createDirectories(temp.resolve("exports"));
        Path dataset = Files.createDirectories(temp.resolve("monuseg").resolve("images"));
        session.rememberExportFolder(exports.resolve("nuclei.geojson"));
        session.rememberDatasetFolder(Files.writeString(dataset.resolve("slide.tif"), ""));

        SessionPreferences next = new SessionPreferences(reopened().node("session"));
        assertEquals(Optional.of(exports.toAbsolutePath()), next.exportFolder());
        assertEquals(Optional.of(dataset.toAbsolutePath()), next.datasetFolder());
        session.rememberDatasetFolder(exports);
        assertEquals(Optional.of(exports.toAbsolutePath()), next.datasetFolder(), "a folder is remembered as is");

        Files.delete(exports.resolve("..").resolve("exports"));
        assertEquals(Optional.empty(), next.exportFolder(), "a folder since deleted is forgotten");
    }

    @Test
    void windowBoundsSurviveARunAndComeBackOnlyWhenOnAScreen() {
        SessionPreferences session = new SessionPreferences(root.node("session"));
        assertEquals(Optional.empty(), session.window());
        SessionPreferences.WindowBounds bounds = new SessionPreferences.WindowBounds(1700, 40, 1200, 800, true);
        session.saveWindow(bounds);
        SessionPreferences.WindowBounds read = new SessionPreferences(reopened().node("session")).window().orElseThrow();
        assertEquals(bounds, read);

        List<Rectangle2D> twoScreens = List.of(new Rectangle2D(0, 0, 1600, 900), new Rectangle2D(1600, 0, 1920, 1080));
        assertEquals(Optional.of(read), read.onScreen(twoScreens));
        assertEquals(Optional.empty(), read.onScreen(List.of(new Rectangle2D(0, 0, 1600, 900))),
                "the second screen is gone: the window opens at its default place");
        assertEquals(Optional.empty(), new SessionPreferences.WindowBounds(100, 100, 50, 40, false)
                .onScreen(twoScreens), "a window too small to use is not restored");
    }

    @Test
    void displayStyleAndRecentFilesAreStoredBesideTheSession() {
        new DisplayPreferences(root.node("display")).save(new OverlayStyle(0.4, true, false));
        new RecentFiles(root.node("recent")).add(temp.resolve("a.tif"));
        new SessionPreferences(root.node("session")).saveWindow(
                new SessionPreferences.WindowBounds(0, 0, 800, 600, false));

        Preferences next = reopened();
        assertEquals(new OverlayStyle(0.4, true, false), new DisplayPreferences(next.node("display")).load());
        assertEquals(List.of(temp.resolve("a.tif").toAbsolutePath()), new RecentFiles(next.node("recent")).list());
        assertTrue(new SessionPreferences(next.node("session")).window().isPresent());
    }
}
