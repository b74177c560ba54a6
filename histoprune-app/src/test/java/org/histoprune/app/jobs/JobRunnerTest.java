package org.histoprune.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.concurrent.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The job lifecycle: a cancelled job is current until its thread leaves it; an Error is a failure like others. */
class JobRunnerTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aCancelledJobStaysCurrentUntilItsThreadHasLeftIt() throws Exception {
        try (JobRunner jobs = new JobRunner(new FxThread())) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Task<Void> job = new Task<>() {
                @Override
                protected Void call() throws InterruptedException {
                    started.countDown();
                    release.await(); // like a native predict, it does not look at the cancel flag
                    return null;
                }
            };
            AtomicBoolean freed = new AtomicBoolean();
            WaitForAsyncUtils.asyncFx(() -> jobs.start(job)).get(10, TimeUnit.SECONDS);
            assertTrue(started.await(30, TimeUnit.SECONDS));
            WaitForAsyncUtils.asyncFx(() -> {
                job.cancel(false);
                jobs.whenIdle(() -> freed.set(true));
            }).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(job.isCancelled());
            assertTrue(jobs.busy(), "the task says CANCELLED but its call() still runs");
            assertFalse(freed.get(), "nothing the job uses is freed yet");
            release.countDown();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !jobs.busy());
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(freed.get(), "freed once the thread has left the job");
        }
    }

    @Test
    void anErrorInBackgroundWorkReachesTheFailureHandler() throws Exception {
        try (JobRunner jobs = new JobRunner(new FxThread())) {
            CompletableFuture<Exception> failure = new CompletableFuture<>();
            WaitForAsyncUtils.asyncFx(() -> jobs.background(() -> {
                throw new UnsatisfiedLinkError("no libtorch_cpu.so in java.library.path");
            }, value -> failure.complete(null), failure::complete)).get(10, TimeUnit.SECONDS);
            Exception error = failure.get(30, TimeUnit.SECONDS);
            assertEquals("UnsatisfiedLinkError: no libtorch_cpu.so in java.library.path", error.getMessage());
            assertTrue(error.getCause() instanceof UnsatisfiedLinkError);
        }
    }
}
