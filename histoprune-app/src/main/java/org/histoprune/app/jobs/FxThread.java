package org.histoprune.app.jobs;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one bridge from worker threads to the FX thread. Actions run in the order posted; posting never blocks;
 * an exception thrown by an action reaches the FX thread's uncaught-exception handler rather than vanishing.
 */
public final class FxThread implements Executor {
    @Override
    public void execute(Runnable action) {
        Platform.runLater(action);
    }

    /** A consumer, callable from any thread, whose values are handled on the FX thread. */
    public <T> Consumer<T> consumer(Consumer<T> onFx) {
        return value -> execute(() -> onFx.accept(value));
    }

    /**
     * A runnable, callable from any thread, that posts {@code action} at most once until it has run: a burst
     * of events (say, forty tiles arriving) costs one FX call.
     */
    public Runnable coalescing(Runnable action) {
        AtomicBoolean pending = new AtomicBoolean();
        return () -> {
            if (pending.compareAndSet(false, true)) {
                execute(() -> {
                    pending.set(false);
                    action.run();
                });
            }
        };
    }
}
