package org.histoprune.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.histoprune.cli.SweepOptions;
import org.histoprune.cli.ThreadOptions;
import org.histoprune.experiment.CellSpec;
import org.histoprune.experiment.ResultStore;
import org.histoprune.experiment.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sweep} on Spark: the dense cell first, then each unit (a strategy and seed: both branches' chains of rounds
 * at CR 2, 4, 8, ... and their merged cells, see {@link CellSpec#unit()}) as one task that runs the local {@link Sweep} on the shared results folder, so {@code report} reads the same cells as
 * after a local run (and a finished cell is never computed again). DJL trains one network per JVM at a time:
 * every task claims all CPUs of its executor ({@code spark.task.cpus} = {@code spark.executor.cores} = --threads),
 * and a lock per JVM keeps that true whatever the settings.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prune, retrain and evaluate a grid of cells on Spark: each chain of rounds (strategy, seed) "
                + "is one task; the cells land in the shared --results folder, as with the local sweep.",
            "One training per executor: each executor gets --threads cores and runs one task at a time."})
final class ClusterSweepCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One training per executor JVM: DJL's gradient collector is per process. */
    private static final ReentrantLock TRAINING = new ReentrantLock();

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private SweepOptions sweepOptions;

    @Mixin
    private ThreadOptions engine;

    @Override
    public Integer call() throws Exception {
        engine.configureEngine();
        ResultStore store = new ResultStore(sweepOptions.results());
        Path model = sweepOptions.denseModel(store);
        List<CellSpec> grid = sweepOptions.grid(model, spec);
        List<List<String>> dense = new ArrayList<>();
        Map<CellSpec, List<String>> chains = new LinkedHashMap<>();
        for (CellSpec cell : grid) {
            if (CellSpec.DENSE.equals(cell.strategy())) {
                dense.add(List.of(JSON.writeValueAsString(cell)));
            } else {
                chains.computeIfAbsent(cell.unit(), k -> new ArrayList<>()).add(JSON.writeValueAsString(cell));
            }
        }
        String command = "histoprune-spark " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String results = sweepOptions.results().toAbsolutePath().toString();
        String modelPath = model.toAbsolutePath().toString();
        JobProgress progress = new JobProgress(spec.commandLine().getErr(), "chains", 5000);
        int computed;
        try (SparkSession spark = cluster.session("histoprune sweep", engine.threads(), oneTaskPerExecutor())) {
            spark.sparkContext().addSparkListener(progress);
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            computed = run(sc, dense, results, modelPath, command, progress)
                    + run(sc, new ArrayList<>(chains.values()), results, modelPath, command, progress);
        }
        long done = grid.stream().filter(c -> store.isDone(c.key())).count();
        spec.commandLine().getOut().printf(Locale.ROOT, "computed %d cells in %d chains (%d tasks re-run); %d of %d "
                + "finished in %s%n", computed, chains.size(), progress.failedAttempts(), done, grid.size(), results);
        return 0;
    }

    /** Every task takes its executor's cores: one task per executor at a time. */
    private Map<String, String> oneTaskPerExecutor() {
        String cores = Integer.toString(cluster.embedded() ? cluster.localThreads() : engine.threads());
        return Map.of("spark.executor.cores", cores, "spark.task.cpus", cores);
    }

    private static int run(JavaSparkContext sc, List<List<String>> groups, String results, String model,
            String command, JobProgress progress) {
        if (groups.isEmpty()) {
            return 0;
        }
        LongAccumulator done = sc.sc().longAccumulator("chains done");
        List<Integer> computed = progress.follow(groups.size(), done, () -> sc.parallelize(groups, groups.size())
                .map(cells -> {
                    int n = runChain(cells, results, model, command);
                    done.add(1);
                    return n;
                }).collect());
        return computed.stream().mapToInt(Integer::intValue).sum();
    }

    /** On an executor: the local sweep over one chain's cells; returns the cells computed here. */
    private static int runChain(List<String> cells, String results, String model, String command)
            throws IOException, InterruptedException {
        List<CellSpec> specs = new ArrayList<>();
        for (String cell : cells) {
            specs.add(JSON.readValue(cell, CellSpec.class));
        }
        TRAINING.lockInterruptibly();
        try {
            return new Sweep(new ResultStore(Path.of(results)), Path.of(model), command).run(specs);
        } finally {
            TRAINING.unlock();
        }
    }
}
