package org.histoprune.cli;

import java.io.PrintWriter;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.NativeLog;
import org.histoprune.nn.NativeMemory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless front end: {@code java -jar histoprune.jar <command>}. */
@Command(name = "histoprune", mixinStandardHelpOptions = true, version = "HistoPrune 0.1.0",
        description = "Nuclei instance segmentation in H&E histology, with network pruning.",
        subcommands = {
            CommandLine.HelpCommand.class,
            BenchCommand.class,
            EvaluateCommand.class,
            TrainCommand.class,
            PruneCommand.class,
            InfoCommand.class,
            SegmentCommand.class,
            InstancesCommand.class,
            SamplesCommand.class,
            SweepCommand.class,
            ReportCommand.class,
        })
public final class Main {
    public static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_INTERNAL = 1;

    public static void main(String[] args) {
        NativeLog.divert();
        NativeMemory.keepFreedMemory();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line and returns its exit code; used by {@link #main} and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return execute(new Main(), args, out, err);
    }

    /**
     * Runs one command line of any HistoPrune front end (this one, the Spark module's): a bad input is a one-line
     * message and exit code 2, anything else "internal error" and 1, never a stack trace unless asked for.
     */
    public static int execute(Object command, String[] args, PrintWriter out, PrintWriter err) {
        System.setProperty("ai.djl.offline", "true");
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> e instanceof InvalidInputException ? EXIT_BAD_INPUT : EXIT_INTERNAL);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println(e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InvalidInputException) {
                err.println("error: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            err.println("internal error: " + e);
            if (Boolean.getBoolean("histoprune.debug")) {
                e.printStackTrace(err);
            } else {
                err.println("(run with -Dhistoprune.debug=true for the stack trace)");
            }
            return EXIT_INTERNAL;
        });
        return commandLine.execute(args);
    }
}
