package org.histoprune.app.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.histoprune.app.overlay.DisplayPreferences;
import org.histoprune.render.OverlayStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecentFilesTest {
    private final Preferences node = Preferences.userRoot().node("org/histoprune/test/recent-" + UUID.randomUUID());

    @AfterEach
    void removeNode() throws Exception {
        node.removeNode();
    }

    @Test
    void newestFirstWithoutDuplicatesAndAtMostTen() {
        RecentFiles recent = new RecentFiles(node);
        for (int i = 0; i < 12; i++) {
            recent.add(Path.of("/slides/s" + i + ".tif"));
        }
        recent.add(Path.of("/slides/s5.tif"));
        var files = new RecentFiles(node).list();
        assertEquals(RecentFiles.MAX, files.size());
        assertEquals(Path.of("/slides/s5.tif"), files.get(0));
        assertEquals(Path.of("/slides/s11.tif"), files.get(1));
        assertEquals(1, files.stream().filter(path -> path.endsWith("s5.tif")).count());
    }

    @Test
    void overlayStyleSurvivesARestart() {
        DisplayPreferences display = new DisplayPreferences(node.node("display"));
        assertEquals(OverlayStyle.defaults(), display.load());
        OverlayStyle changed = new OverlayStyle(0.3, true, false);
        display.save(changed);
        assertEquals(changed, new DisplayPreferences(node.node("display")).load());
    }
}
