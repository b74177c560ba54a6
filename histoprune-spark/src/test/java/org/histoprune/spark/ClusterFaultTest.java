package org.histoprune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.histoprune.nn.BundledModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster: a master and two workers as separate JVMs on 127.0.0.1. One executor is killed
 * (SIGKILL) while the block tasks run; the table must still hold every nucleus exactly once, with the ids of an
 * embedded run of the same input. A client with a wrong secret is refused.
 */
class ClusterFaultTest {
    private static final Pattern PROGRESS = Pattern.compile("blocks (\\d+)/(\\d+) done");
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) slides, (\\d+) nuclei, (\\d+) block tasks "
            + "\\((\\d+) re-run\\)");

    @TempDir
    Path dir;

    @Test
    void anExecutorKilledMidJobLosesNoNucleusAndWritesNoneTwice() throws Exception {
        Assumptions.assumeTrue(BundledModel.DENSE.available(),
                "no bundled model: skipped");
        Path list = Cohort.write(dir.resolve("in"));
        Cohort.Result local = Cohort.run(Cohort.segmentArgs("local[2]", list, dir.resolve("local")), null);
        assertEquals(0, local.exitCode(), local.err());
        Map<String, List<List<Object>>> expected = Cohort.table(dir.resolve("local"));

        List<Path> classpath = Arrays.stream(System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")).split(File.pathSeparator)).map(Path::of).toList();
        LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, "3g", null, classpath);
        try {
            Path wrong = dir.resolve("wrong-secret");
            Files.writeString(wrong, "not-the-secret\n");
            Cohort.Result refused = Cohort.run(Cohort.segmentArgs(cluster.masterUrl(), list, dir.resolve("refused"),
                    "--secret-file", wrong.toString()), null);
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains("refused this client"), refused.err());
            assertFalse(Files.exists(dir.resolve("refused").resolve("status.csv")));

            CountDownLatch midJob = new CountDownLatch(1);
            StringWriter watched = new StringWriter() {
                @Override
                public void flush() {
                    Matcher m = PROGRESS.matcher(toString());
                    while (m.find()) {
                        int done = Integer.parseInt(m.group(1));
                        if (done >= 1 && done < Integer.parseInt(m.group(2))) {
                            midJob.countDown();
                        }
                    }
                }
            };
            CompletableFuture<Cohort.Result> job = CompletableFuture.supplyAsync(() -> Cohort.run(
                    Cohort.segmentArgs(cluster.masterUrl(), list, dir.resolve("cluster-out"), "--secret-file",
                            cluster.secretFile().toString(), "--conf", "spark.driver.host=127.0.0.1",
                            "--conf", "spark.executor.memory=2g"), watched));
            assertTrue(midJob.await(5, TimeUnit.MINUTES), "the job never got under way: " + watched);
            List<ProcessHandle> executors = cluster.executors();
            assertEquals(2, executors.size(), "one executor per worker");
            assertTrue(executors.get(0).destroyForcibly(), "kill -9 of an executor");
            Cohort.Result result = job.get(5, TimeUnit.MINUTES);

            assertEquals(0, result.exitCode(), result.err());
            Matcher summary = SUMMARY.matcher(result.out());
            assertTrue(summary.find(), result.out());
            assertTrue(Integer.parseInt(summary.group(4)) >= 1, "the killed executor's tasks ran again: "
                    + result.out());
            Map<String, List<List<Object>>> actual = Cohort.table(dir.resolve("cluster-out"));
            assertEquals(expected.keySet(), actual.keySet());
            for (String slide : expected.keySet()) {
                assertEquals(expected.get(slide).size(), actual.get(slide).size(), slide + ": nuclei");
                assertEquals(expected.get(slide), actual.get(slide), slide + ": ids, areas and centroids");
            }
            System.out.println("cluster fault test: " + summary.group(0) + "; "
                    + expected.values().stream().mapToInt(List::size).sum() + " nuclei in the embedded run");
        } finally {
            cluster.stop();
        }
    }
}
