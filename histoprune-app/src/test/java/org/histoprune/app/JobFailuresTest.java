package org.histoprune.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;
import org.histoprune.app.jobs.FxThread;
import org.histoprune.app.jobs.JobRunner;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A wait on a job's effect ends with the job's own error as soon as the job fails, not at its timeout. */
class JobFailuresTest {
    @Test
    void aFailedJobEndsTheWaitWithItsMessage() throws Exception {
        FxToolkit.registerPrimaryStage();
        try (JobRunner jobs = new JobRunner(new FxThread())) {
            JobFailures failures = JobFailures.watch(jobs);
            Task<Void> job = new Task<>() {
                @Override
                protected Void call() {
                    updateTitle("Prune");
                    throw new IllegalStateException("retraining of round 1 diverged");
                }
            };
            WaitForAsyncUtils.asyncFx(() -> jobs.start(job)).get(10, TimeUnit.SECONDS);
            // a timeout would throw TimeoutException: the AssertionError is the job's failure
            AssertionError error = assertThrows(AssertionError.class, () -> failures.await(600, () -> false));
            assertTrue(error.getMessage().contains("retraining of round 1 diverged"), error.getMessage());
        }
    }
}
