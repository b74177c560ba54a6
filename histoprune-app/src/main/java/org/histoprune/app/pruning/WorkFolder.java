package org.histoprune.app.pruning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder for one job's intermediate model files, deleted with everything in it when closed. */
final class WorkFolder implements AutoCloseable {
    private final Path root;

    WorkFolder(String prefix) throws IOException {
        root = Files.createTempDirectory(prefix);
    }

    Path resolve(String name) {
        return root.resolve(name);
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind costs disk space only; the job's result is unaffected
        }
    }
}
