package org.histoprune.cli;

import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the network benchmarks, which time one U-Net per base width. */
final class WidthSweepOptions {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--bases", split = ",", defaultValue = "8,16,32", description = "Base widths (default: ${DEFAULT-VALUE}).")
    List<Integer> bases;

    @Mixin
    ThreadOptions engine;
}
