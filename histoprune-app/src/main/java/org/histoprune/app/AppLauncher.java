package org.histoprune.app;

import javafx.application.Application;
import org.histoprune.app.files.SlideOpener;
import org.histoprune.io.SlideReaderRegistry;
import org.histoprune.nn.NativeLog;
import org.histoprune.nn.NativeMemory;

/**
 * Starts the JavaFX app from a plain class: launching an {@code Application} subclass directly from the
 * class path fails with "JavaFX runtime components are missing".
 */
public final class AppLauncher {
    private AppLauncher() {
    }

    public static void main(String[] args) {
        NativeLog.divert();
        NativeMemory.keepFreedMemory();
        System.setProperty("ai.djl.offline", "true");
        Application.launch(HistoPruneApp.class, args);
    }

    /** How the app opens slides by default: the readers registered as services, best first. */
    static SlideOpener defaultOpener() {
        return SlideReaderRegistry.withInstalledReaders()::open;
    }
}
