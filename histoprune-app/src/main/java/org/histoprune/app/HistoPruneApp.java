package org.histoprune.app;

import java.util.Objects;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.histoprune.app.icons.AppIcon;
import org.histoprune.app.jobs.FxThread;
import org.histoprune.app.jobs.JobRunner;

/** The HistoPrune workbench: a slide viewer with nuclei overlays and background jobs. */
public final class HistoPruneApp extends Application {
    private final Startup startup;
    private JobRunner jobs;
    private Workbench workbench;

    /** The app as launched from the command line: default readers, preferences and sample slide. */
    public HistoPruneApp() {
        this(null);
    }

    HistoPruneApp(Startup startup) {
        this.startup = startup;
    }

    @Override
    public void start(Stage stage) {
        Startup settings = startup != null ? startup
                : Startup.defaults(getParameters().getUnnamed(), AppLauncher.defaultOpener());
        FxThread fx = new FxThread();
        jobs = new JobRunner(fx);
        workbench = new Workbench(stage, settings, jobs, fx);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(workbench, Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        scene.getStylesheets().add(Objects.requireNonNull(HistoPruneApp.class.getResource("histoprune.css"))
                .toExternalForm());
        stage.setScene(scene);
        stage.setTitle("HistoPrune");
        stage.setMinWidth(800);
        stage.setMinHeight(520);
        stage.getIcons().addAll(AppIcon.stageImages());
        workbench.preferences().placeWindow(stage);
        stage.show();
        settings.initialSlide().ifPresent(workbench::openSlide);
    }

    /**
     * Jobs first, and the workbench frees model and slide only {@link JobRunner#whenIdle when idle}: either alone
     * keeps the model a job uses alive until the job's thread has ended.
     */
    @Override
    public void stop() {
        if (jobs != null) {
            jobs.close();
        }
        if (workbench != null) {
            workbench.close();
        }
    }

    Workbench workbench() {
        return workbench;
    }

    JobRunner jobs() {
        return jobs;
    }
}
