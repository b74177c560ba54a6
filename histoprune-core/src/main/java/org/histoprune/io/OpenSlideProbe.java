package org.histoprune.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Opens a slide with OpenSlide in a child JVM before this process does. OpenSlide aborts the whole process on
 * some hostile files (a failed g_malloc is fatal in GLib); in the child such an abort becomes a refusal here.
 * The child opens the slide and reads a small region of every level, which decodes one tile of each.
 */
final class OpenSlideProbe {
    /** Exit code of the child for a file OpenSlide refuses cleanly; its stderr holds the message. */
    private static final int REFUSED = 2;
    private static final long TIMEOUT_SECONDS = 120;
    private static final int PROBE_SIDE = 64;
    /** Files that passed, by path, size and modification time: the app reopens slides often. */
    private static final Set<List<Object>> PASSED = ConcurrentHashMap.newKeySet();

    private OpenSlideProbe() {
    }

    /**
     * Probes the file in a child JVM unless it passed before. Without a {@code java} launcher beside this runtime
     * (a packaged app's trimmed runtime) or a class path that holds this class, there is no child to start and
     * the file is left to OpenSlide in this process.
     */
    static void check(Path file) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("java.class.path", "");
        if (!Files.isExecutable(java) || classPath.isEmpty()) {
            return;
        }
        List<Object> key;
        try {
            key = List.of(file.toAbsolutePath().normalize(), Files.size(file), Files.getLastModifiedTime(file));
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
        if (PASSED.contains(key)) {
            return;
        }
        run(file, java, classPath);
        PASSED.add(key);
    }

    private static void run(Path file, Path java, String classPath) {
        Path log = null;
        Process process = null;
        try {
            log = Files.createTempFile("openslide-probe", ".log");
            process = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", classPath, OpenSlideProbe.class.getName(),
                    file.toAbsolutePath().toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new InvalidInputException(file, "OpenSlide did not open it within " + TIMEOUT_SECONDS + " s");
            }
            int exit = process.exitValue();
            if (exit == REFUSED) {
                throw new InvalidInputException(lastLine(log, file + ": OpenSlide cannot read it"));
            }
            if (exit != 0) {
                throw new InvalidInputException(file, "OpenSlide crashed on it in a test process ("
                        + (exit > 128 ? "signal " + (exit - 128) : "exit code " + exit) + "): the file is corrupt or"
                        + " hostile");
            }
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot start the OpenSlide test process (" + e.getMessage() + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException(file, "interrupted while OpenSlide was opening it");
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    // a temporary log left behind is harmless
                }
            }
        }
    }

    private static String lastLine(Path log, String fallback) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .toList();
        return lines.isEmpty() ? fallback : lines.get(lines.size() - 1);
    }

    /** The child: opens the slide and reads a corner of every level; exit 0, or 2 with the refusal on stderr. */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        try {
            OpenSlideLibrary library = OpenSlideLibrary.load()
                    .orElseThrow(() -> new InvalidInputException(file, OpenSlideReaderProvider.INSTALL_HINT));
            try (OpenSlideReader reader = OpenSlideReader.open(library, file)) {
                for (int level = 0; level < reader.levels().size(); level++) {
                    SlideReader.Level size = reader.levels().get(level);
                    reader.readRegion(level, 0, 0, Math.min(PROBE_SIDE, size.width()),
                            Math.min(PROBE_SIDE, size.height()));
                }
            }
        } catch (InvalidInputException e) {
            System.err.println(e.getMessage());
            System.exit(REFUSED);
        } catch (IOException | RuntimeException e) {
            System.err.println(file + ": OpenSlide cannot read it (" + SlideReaderRegistry.describe(e) + ")");
            System.exit(REFUSED);
        }
        System.exit(0);
    }
}
