package org.histoprune.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars of the command line, drawn on {@link System#err}. The library's default writes to file descriptor
 * 2 itself, which {@link org.histoprune.nn.NativeLog} points at the native log: its bars would vanish there.
 */
final class ConsoleBars {
    private ConsoleBars() {
    }

    /** An ASCII bar named {@code task}, counting up to {@code max}, redrawn every {@code updateMillis}. */
    static ProgressBarBuilder builder(String task, long max, int updateMillis) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(updateMillis).setConsumer(new ConsoleProgressBarConsumer(System.err));
    }
}
