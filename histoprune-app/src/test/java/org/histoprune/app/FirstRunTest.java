package org.histoprune.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** What {@code ./mvnw javafx:run} starts with: the default readers and the repository's sample slides. */
class FirstRunTest extends FxRobot {
    private final Preferences preferences = Preferences.userRoot().node("org/histoprune/test/first-" + UUID.randomUUID());
    private HistoPruneApp app;

    @AfterEach
    void stop() throws Exception {
        AppTeardown.close(app, preferences);
    }

    @Test
    void opensTheLargestSampleSlideWithItsGroundTruth() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Startup.SAMPLE_SLIDES), "sample-slides/ not found: skipped");
        Startup defaults = Startup.defaults(List.of(), AppLauncher.defaultOpener());
        Path expected = defaults.initialSlide().orElseThrow();
        FxToolkit.registerPrimaryStage();
        app = (HistoPruneApp) FxToolkit.setupApplication(() -> new HistoPruneApp(new Startup(defaults.opener(),
                Optional::empty, preferences, defaults.initialSlide(), defaults.dialogs())));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.workbench().session().currentSlide() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected.getFileName().toString(), app.workbench().session().currentSlide().name());
        if (expected.getParent().getFileName().toString().equals("images")) {
            assertTrue(app.workbench().session().layers().stream().anyMatch(item -> item.layer().name().equals("Ground truth")),
                    "a sample tile comes with its labels");
        }
    }
}
