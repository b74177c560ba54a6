package org.histoprune.app;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.Task;
import org.histoprune.app.jobs.JobRunner;
import javafx.concurrent.Worker;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Watches the app's jobs so that a test waiting for a job's effect fails at once with the job's own error, instead
 * of waiting out its whole timeout when the job failed.
 */
final class JobFailures {
    private static final long POLL_MILLIS = 20;
    private final AtomicReference<AssertionError> first = new AtomicReference<>();

    private JobFailures() {
    }

    /** Starts watching the running job and every job that {@code jobs} starts from now on. */
    static JobFailures watch(JobRunner jobs) throws Exception {
        JobFailures failures = new JobFailures();
        WaitForAsyncUtils.asyncFx(() -> {
            if (jobs.currentJobProperty().get() != null) {
                failures.follow(jobs.currentJobProperty().get());
            }
            jobs.currentJobProperty().addListener((property, old, job) -> {
                if (job != null) {
                    failures.follow(job);
                }
            });
        }).get(10, TimeUnit.SECONDS);
        return failures;
    }

    private void follow(Task<?> job) {
        record(job, job.getState());
        job.stateProperty().addListener((property, old, state) -> record(job, state));
    }

    private void record(Task<?> job, Worker.State state) {
        if (state == Worker.State.FAILED) {
            first.compareAndSet(null, new AssertionError("job '" + job.getTitle() + "' failed: " + job.getException(),
                    job.getException()));
        }
    }

    /**
     * Waits until {@code condition} holds, evaluated on the FX thread (so between two FX events, never in the
     * middle of one that ends a job and starts the next); throws at once when a watched job has failed.
     */
    void await(long seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            AssertionError failure = first.get();
            if (failure != null) {
                throw failure;
            }
            if (WaitForAsyncUtils.asyncFx(condition).get(seconds, TimeUnit.SECONDS)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("condition not met within " + seconds + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
