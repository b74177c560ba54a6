package org.histoprune.spark;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bin/local-cluster start|stop}: a standalone master and N workers on 127.0.0.1, for trying and tests. */
@Command(name = "local-cluster", mixinStandardHelpOptions = true,
        description = "A standalone Spark master and workers on 127.0.0.1 from this build's jars.",
        subcommands = {LocalClusterCommand.Start.class, LocalClusterCommand.Stop.class})
public final class LocalClusterCommand {
    @Option(names = "--state", required = true, paramLabel = "DIR",
            description = "Folder of the cluster's logs, pids, secret and Spark home.")
    private Path state;

    public static void main(String[] args) {
        System.exit(org.histoprune.cli.Main.execute(new LocalClusterCommand(), args,
                new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true)));
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start; prints the spark:// URL.")
    static final class Start implements Callable<Integer> {
        @ParentCommand
        private LocalClusterCommand parent;

        @Option(names = "--workers", defaultValue = "2", description = "Workers (default: ${DEFAULT-VALUE}).")
        private int workers;

        @Option(names = "--cores", defaultValue = "1", description = "Cores per worker (default: ${DEFAULT-VALUE}).")
        private int cores;

        @Option(names = "--memory", defaultValue = "3g", description = "Memory per worker (default: ${DEFAULT-VALUE}).")
        private String memory;

        @Option(names = "--secret-file", paramLabel = "FILE",
                description = "The shared secret (default: a new one in the state folder).")
        private Path secretFile;

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = LocalCluster.start(parent.state, workers, cores, memory, secretFile,
                    LocalCluster.ownClasspath());
            System.err.println("master and " + workers + " workers on 127.0.0.1; secret in " + cluster.secretFile()
                    + "; logs in " + parent.state);
            System.out.println(cluster.masterUrl());
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the master, workers and executors.")
    static final class Stop implements Callable<Integer> {
        @ParentCommand
        private LocalClusterCommand parent;

        @Override
        public Integer call() throws Exception {
            System.err.println(LocalCluster.stop(parent.state) ? "stopped" : "no local cluster runs from "
                    + parent.state);
            return 0;
        }
    }
}
