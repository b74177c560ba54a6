package org.histoprune.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javax.imageio.ImageIO;
import org.histoprune.app.files.FileDialogs;
import org.histoprune.app.files.ScriptedDialogs;
import org.histoprune.data.HistologySettings;
import org.histoprune.data.SyntheticHistology;
import org.histoprune.data.SyntheticTile;
import org.histoprune.io.SlideReader;
import org.histoprune.io.TiledTiffWriter;
import org.histoprune.render.InstanceLayer;
import org.histoprune.render.SlideImage;
import org.histoprune.render.ViewTransform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workbench on a real file: a pyramidal JPEG TIFF of synthetic H&E opened through the installed slide
 * readers, with the generator's exact nuclei as ground truth. Also takes the README screenshot.
 */
class TiffSlideTest extends FxRobot {
    private static final int SIZE = 4096;
    private static final long SEED = 11;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static {
        System.setProperty("headless.geometry", "1440x900-32");
    }

    @TempDir
    static Path folder;
    private static Path slidePath;
    private static SyntheticHistology plane;
    private Preferences preferences;
    private HistoPruneApp app;

    @BeforeAll
    static void writeSlide() throws Exception {
        plane = new SyntheticHistology(HistologySettings.defaults().withTissueFraction(0.9), SEED);
        slidePath = folder.resolve("synthetic-he.tif");
        new TiledTiffWriter(TiledTiffWriter.Options.defaults().withMicronsPerPixel(0.25))
                .write(plane::image, SIZE, SIZE, slidePath);
    }

    @BeforeEach
    void start() throws Exception {
        preferences = Preferences.userRoot().node("org/histoprune/test/tiff-" + UUID.randomUUID());
        FileDialogs none = new ScriptedDialogs(null);
        FxToolkit.registerPrimaryStage();
        app = (HistoPruneApp) FxToolkit.setupApplication(() -> new HistoPruneApp(new Startup(
                AppLauncher.defaultOpener(), Optional::empty, preferences, Optional.of(slidePath), none)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.workbench().session().currentSlide() != null);
    }

    @AfterEach
    void stop() throws Exception {
        AppTeardown.close(app, preferences);
    }

    @Test
    void showsThePyramidPixelForPixelAndTheGroundTruthOverIt() throws Exception {
        Workbench workbench = app.workbench();
        SlideReader reader = workbench.session().currentSlide().reader();
        assertTrue(reader.levels().size() > 1, "the TIFF is a pyramid");
        assertEquals(0.25, reader.micronsPerPixel().orElse(0), 1e-9);

        int x0 = 1400;
        int y0 = 1500;
        SyntheticTile truth = plane.render(x0, y0, 1200, 900);
        interact(() -> {
            workbench.session().addLayer(new InstanceLayer("Ground truth", x0, y0, truth.labels(), 0x33DD66));
            workbench.viewer().setView(workbench.viewer().view().centredOn(x0 + 600, y0 + 450).withDownsample(1));
        });
        BufferedImage frame = waitForSharpFrame(workbench);
        ViewTransform view = workbench.viewer().view();
        int expected = reader.readRegion(0, (int) view.imageX(10.5), (int) view.imageY(10.5), 1, 1).rgb()[0];
        assertEquals(expected, frame.getRGB(10, 10) & 0xFFFFFF, "1:1 shows the level-0 pixel");

        interact(() -> workbench.viewer().setView(view.withDownsample(0.5)));
        screenshot("workbench.png");
        interact(() -> workbench.viewer().setView(view.withDownsample(1.6)));
        clickOn("#style-fill");
        clickOn("#colour-per-layer");
        waitForSharpFrame(workbench);
        screenshot("workbench-fill.png");
    }

    /** Waits until every pyramid tile the view needs is read, then returns the frame. */
    private BufferedImage waitForSharpFrame(Workbench workbench) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            BufferedImage[] frame = new BufferedImage[1];
            interact(() -> frame[0] = workbench.viewer().currentFrame());
            SlideImage slide = workbench.session().currentSlide();
            return slide.painter().levelTiles(workbench.viewer().view()).stream().allMatch(slide.tiles()::isCached);
        });
        BufferedImage[] frame = new BufferedImage[1];
        interact(() -> {
            workbench.viewer().repaint();
            frame[0] = workbench.viewer().currentFrame();
        });
        return frame[0];
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage[] image = new BufferedImage[1];
        interact(() -> image[0] = SwingFXUtils.fromFXImage(app.workbench().getScene().snapshot(null), null));
        ImageIO.write(image[0], "png", SCREENSHOTS.resolve(name).toFile());
    }
}
