package org.histoprune.app.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The most recently opened slides, newest first, kept in a preferences node. */
public final class RecentFiles {
    static final int MAX = 10;
    private static final Logger LOG = LoggerFactory.getLogger(RecentFiles.class);

    private final Preferences node;

    public RecentFiles(Preferences node) {
        this.node = node;
    }

    public List<Path> list() {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String file = node.get(key(i), null);
            if (file != null) {
                files.add(Path.of(file));
            }
        }
        return files;
    }

    public void add(Path file) {
        List<Path> files = list();
        Path absolute = file.toAbsolutePath().normalize();
        files.remove(absolute);
        files.add(0, absolute);
        for (int i = 0; i < MAX; i++) {
            if (i < files.size()) {
                node.put(key(i), files.get(i).toString());
            } else {
                node.remove(key(i));
            }
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            LOG.warn("recent files not saved: {}", e.getMessage());
        }
    }

    private static String key(int index) {
        return "file." + index;
    }
}
