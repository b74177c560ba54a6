package org.histoprune.nn;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps PyTorch's native messages ("AutoNonVariableTypeMode is deprecated", NNPACK warnings) off the user's
 * terminal: libtorch writes them straight to file descriptor 2, below Java, and no setting of DJL or of
 * {@code TORCH_CPP_LOG_LEVEL} silences them. So descriptor 2 is pointed at a log file, and Java's
 * {@link System#err} at a copy of the original stderr. Linux only (elsewhere nothing changes);
 * {@code -Dhistoprune.nativeStderr=true} leaves stderr alone, for debugging.
 */
public final class NativeLog {
    private static final int STDERR = 2;
    private static final int O_WRONLY = 1;
    private static final int O_APPEND = 02000;
    private static boolean diverted;

    private NativeLog() {
    }

    /** Where native messages go: {@code ~/.cache/histoprune/native.log}. */
    public static Path file() {
        return Path.of(System.getProperty("user.home"), ".cache", "histoprune", "native.log");
    }

    /** Diverts native stderr to {@link #file()}; call first thing in {@code main}, before any native library loads. */
    public static synchronized void divert() {
        if (diverted || Boolean.getBoolean("histoprune.nativeStderr")) {
            return;
        }
        try {
            Optional<LinuxLibC> linux = LinuxLibC.load();
            if (linux.isEmpty()) {
                return;
            }
            LinuxLibC libc = linux.get();
            Path log = file();
            Files.createDirectories(log.getParent());
            if (!Files.exists(log)) {
                Files.createFile(log);
            }
            int original = libc.dup(STDERR);
            int target = libc.open(log.toString(), O_WRONLY | O_APPEND);
            if (original < 0 || target < 0) {
                return;
            }
            // Appending, so that a stderr redirected to a file ("2> log") is not overwritten from its start.
            PrintStream javaErr = new PrintStream(new FileOutputStream("/proc/self/fd/" + original, true), true);
            if (libc.dup2(target, STDERR) < 0) {
                return;
            }
            libc.close(target);
            System.setErr(javaErr);
            diverted = true;
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            // Without the diversion the messages merely stay on the terminal.
        }
    }
}
