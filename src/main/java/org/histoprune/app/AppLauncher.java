package org.histoprune.app;

import java.io.IOException;
import javafx.application.Application;

/**
 * Starts the JavaFX app from a plain class: launching an {@code Application} subclass directly from the
 * class path fails with "JavaFX runtime components are missing".
 */
public final class AppLauncher {
    private AppLauncher() {
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        Application.launch(HistoPruneApp.class, args);
    }

    /** How the app opens slides by default. */
    static SlideOpener defaultOpener() {
        return path -> {
            throw new IOException("no slide readers installed");
        };
    }
}
