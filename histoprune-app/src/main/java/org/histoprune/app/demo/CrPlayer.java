package org.histoprune.app.demo;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.util.Duration;
import org.histoprune.app.session.CompressionChoice;

/**
 * Steps the CR of {@link CompressionChoice} from 1x to 512x at a fixed interval (the chosen strategy stays),
 * so the overlay, counts and curves change in front of an audience. Stops at 512x or when toggled again.
 */
public final class CrPlayer {
    private final CompressionChoice compression;
    private final Timeline timeline;
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");

    public CrPlayer(CompressionChoice compression, Duration interval) {
        this.compression = compression;
        this.timeline = new Timeline(new KeyFrame(interval, event -> advance()));
        timeline.setCycleCount(Animation.INDEFINITE);
        timeline.statusProperty().addListener((property, old, status) ->
                playing.set(status == Animation.Status.RUNNING));
    }

    public ReadOnlyBooleanProperty playing() {
        return playing.getReadOnlyProperty();
    }

    /** Starts from 1x, or stops a running play. */
    public void toggle() {
        if (playing.get()) {
            timeline.stop();
        } else {
            compression.log2Cr().set(0);
            timeline.playFromStart();
        }
    }

    void stop() {
        timeline.stop();
    }

    /** The timeline that drives the steps (tests fire its key frame instead of waiting). */
    Timeline timeline() {
        return timeline;
    }

    private void advance() {
        int next = compression.log2Cr().get() + 1;
        if (next <= CompressionChoice.MAX_LOG2_CR) {
            compression.log2Cr().set(next);
        }
        if (next >= CompressionChoice.MAX_LOG2_CR) {
            timeline.stop();
        }
    }
}
