package org.histoprune.app.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;

/**
 * Owns every thread of the app: a small pool that reads tiles and opens files, and one thread for long jobs
 * (segmentation, exports, model saves), of which at most one runs at a time. Closing it stops them all.
 * <p>
 * A job is current until its thread has left it, not merely until its task says CANCELLED (the task's
 * {@code call()} goes on to its next check): whatever a job uses (a model's native memory) may only be freed
 * {@link #whenIdle when idle}, that is with no job and no background work running.
 */
public final class JobRunner implements AutoCloseable {
    private final FxThread fx;
    private final ExecutorService readers = Executors.newFixedThreadPool(2, named("histoprune-io"));
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(named("histoprune-job"));
    private final ReadOnlyObjectWrapper<Task<?>> currentJob = new ReadOnlyObjectWrapper<>(this, "currentJob");
    /** Background work started and not yet handed over. */
    private final AtomicInteger backgroundRunning = new AtomicInteger();
    private final List<Runnable> idleActions = new ArrayList<>();
    /** Set by {@link #close} once every thread has ended: from then on all is idle. */
    private volatile boolean stopped;

    public JobRunner(FxThread fx) {
        this.fx = fx;
    }

    /** The pool for tile reads. */
    public ExecutorService readers() {
        return readers;
    }

    /** The running long job, or null; changes on the FX thread. */
    public ReadOnlyObjectProperty<Task<?>> currentJobProperty() {
        return currentJob.getReadOnlyProperty();
    }

    public boolean busy() {
        return currentJob.get() != null;
    }

    /**
     * Starts a long job (call on the FX thread); it stays current until its thread has finished with it, even
     * after a cancel.
     */
    public <T> Task<T> start(Task<T> job) {
        if (busy()) {
            throw new IllegalStateException("a job is already running: " + currentJob.get().getTitle());
        }
        if (jobs.isShutdown()) { // closing: an action that waited for idleness starts nothing any more
            job.cancel();
            return job;
        }
        currentJob.set(job);
        jobs.execute(() -> {
            try {
                job.run();
            } finally {
                fx.execute(() -> ended(job));
            }
        });
        return job;
    }

    /** Runs {@code action} (on the FX thread) now when idle, else once the job and background work have ended. */
    public void whenIdle(Runnable action) {
        if (idle()) {
            action.run();
        } else {
            idleActions.add(action);
        }
    }

    private boolean idle() {
        return stopped || currentJob.get() == null && backgroundRunning.get() == 0;
    }

    private void ended(Task<?> job) {
        if (currentJob.get() == job) {
            currentJob.set(null);
        }
        runIdleActions();
    }

    private void runIdleActions() {
        while (idle() && !idleActions.isEmpty()) {
            idleActions.remove(0).run(); // an action may start a job: the rest then wait for it
        }
    }

    /**
     * Short background work (opening a file): the result or the failure is handed over on the FX thread. An
     * {@link Error} (a missing native library, OutOfMemoryError) is a failure too, so that whoever waits for the
     * work hears of it.
     */
    public <T> void background(Callable<T> work, Consumer<T> onResult, Consumer<Exception> onFailure) {
        if (readers.isShutdown()) {
            return;
        }
        backgroundRunning.incrementAndGet();
        readers.execute(() -> {
            T value;
            try {
                value = work.call();
            } catch (Exception e) {
                fx.execute(() -> handOver(() -> onFailure.accept(e)));
                return;
            } catch (Error e) {
                Exception failure = new Exception(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
                fx.execute(() -> handOver(() -> onFailure.accept(failure)));
                return;
            }
            fx.execute(() -> handOver(() -> onResult.accept(value)));
        });
    }

    private void handOver(Runnable delivery) {
        backgroundRunning.decrementAndGet();
        try {
            delivery.run();
        } finally {
            runIdleActions();
        }
    }

    /**
     * Cancels the running job and stops every thread, waiting a while for them; if they all ended, the actions
     * waiting for idleness (closing models) run now. A job still inside native code keeps what it uses.
     */
    @Override
    public void close() {
        Task<?> job = currentJob.get();
        if (job != null) {
            job.cancel();
        }
        readers.shutdownNow();
        jobs.shutdownNow();
        try {
            stopped = readers.awaitTermination(5, TimeUnit.SECONDS) & jobs.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopped) {
            currentJob.set(null); // its thread is gone; the FX event that would say so may never run
            runIdleActions();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
