package org.histoprune.app;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.testfx.api.FxToolkit;

/** What every TestFX test does after each test: close the app (if it started) and drop its preferences. */
final class AppTeardown {
    private AppTeardown() {
    }

    static void close(HistoPruneApp app, Preferences preferences) throws java.util.concurrent.TimeoutException,
            BackingStoreException {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
        preferences.removeNode();
    }
}
