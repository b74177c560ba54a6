package org.histoprune.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.animation.Animation;
import javafx.event.ActionEvent;
import javafx.util.Duration;
import org.histoprune.app.session.CompressionChoice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** CR playback, its timeline driven by hand: each key frame is fired here, none by the clock (an hour away). */
class CrPlayerTest extends FxRobot {
    private final CompressionChoice compression = new CompressionChoice();
    private final CrPlayer player = new CrPlayer(compression, Duration.hours(1));

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void playStepsFromOneToFiveHundredTwelveTimesAndStops() {
        List<Integer> seen = new ArrayList<>();
        interact(() -> {
            compression.log2Cr().set(6);
            compression.log2Cr().addListener((property, old, now) -> seen.add(now.intValue()));
            player.toggle();
        });
        assertTrue(player.playing().get());
        assertEquals(Animation.Status.RUNNING, player.timeline().getStatus());
        for (int step = 0; step < CompressionChoice.MAX_LOG2_CR; step++) {
            interact(this::fireKeyFrame);
        }
        assertEquals(IntStream.rangeClosed(0, 9).boxed().toList(), seen, "from 1x, one doubling per frame");
        assertFalse(player.playing().get(), "stopped at 512x");
        assertEquals(Animation.Status.STOPPED, player.timeline().getStatus());
    }

    @Test
    void pressingAgainStopsWhereItIs() {
        interact(player::toggle);
        interact(this::fireKeyFrame);
        interact(this::fireKeyFrame);
        interact(player::toggle);
        assertFalse(player.playing().get());
        assertEquals(2, compression.log2Cr().get());
        interact(player::toggle);
        assertEquals(0, compression.log2Cr().get(), "a new play starts again at 1x");
        interact(player::stop);
    }

    private void fireKeyFrame() {
        player.timeline().getKeyFrames().get(0).getOnFinished().handle(new ActionEvent());
    }
}
