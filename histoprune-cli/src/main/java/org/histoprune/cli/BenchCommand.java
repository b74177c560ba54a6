package org.histoprune.cli;

import picocli.CommandLine.Command;

/** Speed measurements; each subcommand prints JSON with {@code --json}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed (and memory) of one part of HistoPrune.",
        subcommands = {
            BenchMetricsCommand.class,
            BenchPostprocessCommand.class,
            BenchRenderCommand.class,
            BenchTrainCommand.class,
            BenchInferCommand.class,
            BenchSlideCommand.class,
            BenchPruneCommand.class,
        })
final class BenchCommand {
}
