package org.histoprune.spark;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar histoprune-spark/target/histoprune-spark.jar <command>}: HistoPrune's jobs on Apache Spark. */
@Command(name = "histoprune-spark", mixinStandardHelpOptions = true, version = "HistoPrune 0.1.0",
        description = "Cohort segmentation and sweeps on Apache Spark: embedded (local[N]) or on a cluster.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ClusterSegmentCommand.class,
            ClusterSweepCommand.class,
            ClusterBenchCommand.class,
        })
public final class Main {
    public static void main(String[] args) {
        System.setProperty("io.netty.tryReflectionSetAccessible", "true"); // as Spark's own launcher sets it
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line and returns its exit code; used by {@link #main} and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return org.histoprune.cli.Main.execute(new Main(), args, out, err);
    }
}
