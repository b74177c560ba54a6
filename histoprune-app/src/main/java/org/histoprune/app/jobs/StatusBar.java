package org.histoprune.app.jobs;

import java.time.Duration;
import java.util.Locale;
import javafx.beans.value.ChangeListener;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The bottom bar: a message, the cursor position, the nucleus under the cursor, and for the running job its
 * progress, estimated time left and a Cancel button.
 */
public final class StatusBar extends HBox {
    private final Label message = new Label("Ready");
    private final Label position = new Label();
    private final Label nucleus = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label eta = new Label();
    private final Button cancel = new Button("Cancel");
    private final ChangeListener<Number> etaUpdater = (property, old, value) -> updateEta(value.doubleValue());
    private Task<?> job;
    private long jobStart;

    public StatusBar(JobRunner jobs) {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        message.setId("status-message");
        position.setId("status-position");
        nucleus.setId("status-nucleus");
        progress.setId("job-progress");
        eta.setId("job-eta");
        cancel.setId("job-cancel");
        cancel.getStyleClass().add("small-button");
        progress.setPrefWidth(160);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        position.setMinWidth(150);
        nucleus.setMinWidth(180);
        eta.setMinWidth(110);
        cancel.setOnAction(event -> {
            if (job != null) {
                job.cancel();
            }
        });
        getChildren().addAll(message, nucleus, new Separator(javafx.geometry.Orientation.VERTICAL), position,
                new Separator(javafx.geometry.Orientation.VERTICAL), progress, eta, cancel);
        showJobControls(false);
        jobs.currentJobProperty().addListener((property, old, current) -> follow(current));
    }

    public void showMessage(String text) {
        message.getStyleClass().remove("error");
        message.setText(text);
    }

    public void showError(String text) {
        if (!message.getStyleClass().contains("error")) {
            message.getStyleClass().add("error");
        }
        message.setText(text);
    }

    public void showPosition(String text) {
        position.setText(text);
    }

    public void showNucleus(String text) {
        nucleus.setText(text);
    }

    private void follow(Task<?> current) {
        if (job != null) {
            job.progressProperty().removeListener(etaUpdater);
            progress.progressProperty().unbind();
        }
        job = current;
        showJobControls(job != null);
        if (job == null) {
            return;
        }
        jobStart = System.nanoTime();
        Task<?> followed = job;
        progress.progressProperty().bind(job.progressProperty());
        job.progressProperty().addListener(etaUpdater);
        job.messageProperty().addListener((property, old, text) -> {
            if (followed == job && !text.isEmpty()) {
                showMessage(followed.getTitle() + ": " + text);
            }
        });
        job.stateProperty().addListener((property, old, state) -> reportEnd(followed, state));
        showMessage(job.getTitle() + "\u2026");
        eta.setText("");
    }

    private void reportEnd(Task<?> finished, Worker.State state) {
        String took = formatDuration(Duration.ofNanos(System.nanoTime() - jobStart));
        switch (state) {
            case SUCCEEDED -> showMessage(finished.getTitle() + " done in " + took);
            case CANCELLED -> showMessage(finished.getTitle() + " cancelled");
            case FAILED -> showError(finished.getTitle() + " failed: " + describe(finished.getException()));
            default -> {
            }
        }
    }

    private void updateEta(double fraction) {
        if (fraction <= 0 || fraction > 1) {
            eta.setText("");
            return;
        }
        long elapsed = System.nanoTime() - jobStart;
        eta.setText("ETA " + formatDuration(Duration.ofNanos((long) (elapsed * (1 - fraction) / fraction))));
    }

    private void showJobControls(boolean visible) {
        for (var node : new javafx.scene.Node[] {progress, eta, cancel}) {
            node.setVisible(visible);
            node.setManaged(visible);
        }
    }

    static String formatDuration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
