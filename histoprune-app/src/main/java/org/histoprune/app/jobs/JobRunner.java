package org.histoprune.app.jobs;

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
import javafx.concurrent.Worker;

/**
 * Owns every thread of the app: a small pool that reads tiles and opens files, and one thread for long jobs
 * (segmentation, exports), of which at most one runs at a time. Closing it stops them all.
 */
public final class JobRunner implements AutoCloseable {
    private final FxThread fx;
    private final ExecutorService readers = Executors.newFixedThreadPool(2, named("histoprune-io"));
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(named("histoprune-job"));
    private final ReadOnlyObjectWrapper<Task<?>> currentJob = new ReadOnlyObjectWrapper<>(this, "currentJob");

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

    /** Starts a long job (call on the FX thread); it stays current until it succeeds, fails or is cancelled. */
    public <T> Task<T> start(Task<T> job) {
        if (busy()) {
            throw new IllegalStateException("a job is already running: " + currentJob.get().getTitle());
        }
        currentJob.set(job);
        job.stateProperty().addListener((property, old, state) -> {
            if (isFinished(state) && currentJob.get() == job) {
                currentJob.set(null);
            }
        });
        jobs.execute(job);
        return job;
    }

    /** Short background work (opening a file): the result or the failure is handed over on the FX thread. */
    public <T> void background(Callable<T> work, Consumer<T> onResult, Consumer<Exception> onFailure) {
        Consumer<T> result = fx.consumer(onResult);
        Consumer<Exception> failure = fx.consumer(onFailure);
        readers.execute(() -> {
            T value;
            try {
                value = work.call();
            } catch (Exception e) {
                failure.accept(e);
                return;
            }
            result.accept(value);
        });
    }

    @Override
    public void close() {
        Task<?> job = currentJob.get();
        if (job != null) {
            job.cancel();
        }
        readers.shutdownNow();
        jobs.shutdownNow();
        try {
            readers.awaitTermination(5, TimeUnit.SECONDS);
            jobs.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isFinished(Worker.State state) {
        return state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED;
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
