package org.histoprune.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.histoprune.io.AtomicFiles;
import org.histoprune.io.InvalidInputException;

/**
 * A results folder shared by any number of processes (or machines, over a shared file system):
 * {@code cells/<key>.json} (one finished cell, written atomically), {@code models/} (the cells' models),
 * {@code locks/<key>.lock} (a claim, created atomically; a claim whose process died on this host is stale
 * and may be taken over) and {@code computed.log} (one line per cell this store saw computed).
 */
public final class ResultStore {
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Marks a recomputation in {@code computed.log}. */
    static final String RECOMPUTED = "recomputed";
    private static final String SCRATCH = "models/\nlocks/\nsubsets/\nlogs/\n";

    private final Path root;
    private final String owner;

    /**
     * A results folder to compute into: its sub-folders are created when missing, and a {@code .gitignore} that keeps
     * the scratch (models, locks, training subsets, worker logs) out of git when the folder lies in a repository: committed
     * {@code cells/} and {@code computed.log} are enough to resume and to report.
     */
    public ResultStore(Path root) throws IOException {
        this(root, ProcessHandle.current().pid() + "@" + hostName());
        Files.createDirectories(root.resolve("cells"));
        Files.createDirectories(root.resolve("models"));
        Files.createDirectories(root.resolve("locks"));
        Path ignore = root.resolve(".gitignore");
        if (!Files.exists(ignore)) {
            AtomicFiles.writeString(ignore, SCRATCH);
        }
    }

    private ResultStore(Path root, String owner) {
        this.root = root;
        this.owner = owner;
    }

    /** A results folder that must exist already, for reading: nothing is created in it. */
    public static ResultStore existing(Path root) {
        if (!Files.isDirectory(root.resolve("cells"))) {
            throw new InvalidInputException(root, "not a sweep results folder (no cells/ inside)");
        }
        return new ResultStore(root, ProcessHandle.current().pid() + "@" + hostName());
    }

    public Path root() {
        return root;
    }

    public Path cellFile(String key) {
        return root.resolve("cells").resolve(key + ".json");
    }

    /** Where a finished cell's model lies: stored relative to the folder, or absolute. */
    public Path modelFile(CellResult cell) {
        return root.resolve(cell.modelFile());
    }

    public Path models() {
        return root.resolve("models");
    }

    public boolean isDone(String key) {
        return Files.isRegularFile(cellFile(key));
    }

    public Optional<CellResult> read(String key) {
        Path file = cellFile(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(file));
    }

    /** Every finished cell of the folder, sorted by key. */
    public List<CellResult> all() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("cells"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().map(ResultStore::parse)
                    .toList();
        }
    }

    /** Stores a finished cell atomically and notes it in {@code computed.log}. */
    public void write(CellResult result) throws IOException {
        write(result, false);
    }

    /**
     * Stores a cell atomically, replacing its JSON when it is {@code recomputed} (its model was lost), and notes it
     * in {@code computed.log}, a recomputation with the word {@value #RECOMPUTED}.
     */
    public void write(CellResult result, boolean recomputed) throws IOException {
        AtomicFiles.write(cellFile(result.key()), out -> JSON.writeValue(out, result));
        Files.writeString(root.resolve("computed.log"), result.key() + " " + owner
                + (recomputed ? " " + RECOMPUTED : "") + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Keys of the recomputations in {@code computed.log}, in order. */
    public List<String> recomputedLog() throws IOException {
        return logLines().stream().filter(line -> line.endsWith(" " + RECOMPUTED)).map(line -> line.split(" ")[0])
                .toList();
    }

    /** Keys in {@code computed.log}, one per computation, in order (repeats would mean recomputed cells). */
    public List<String> computedLog() throws IOException {
        return logLines().stream().map(line -> line.split(" ")[0]).toList();
    }

    private List<String> logLines() throws IOException {
        Path log = root.resolve("computed.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
    }

    /**
     * Claims a cell for this process: true when the lock file was created here, or taken over from a process of
     * this host that no longer runs. Other hosts' claims are respected until their owner removes them.
     */
    public boolean tryClaim(String key) throws IOException {
        Path lock = lockFile(key);
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(lock, owner, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                if (!isStale(lock)) {
                    return false;
                }
                Files.deleteIfExists(lock);
            }
        }
        return false;
    }

    public void release(String key) throws IOException {
        Files.deleteIfExists(lockFile(key));
    }

    private Path lockFile(String key) {
        return root.resolve("locks").resolve(key + ".lock");
    }

    private boolean isStale(Path lock) throws IOException {
        String holder;
        try {
            holder = Files.readString(lock).trim();
        } catch (NoSuchFileException e) {
            return true;
        }
        int at = holder.indexOf('@');
        if (at < 0) {
            return true; // torn write of a claim: its writer died between create and write
        }
        if (!holder.substring(at + 1).equals(hostName())) {
            return false;
        }
        long pid = Long.parseLong(holder.substring(0, at));
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static CellResult parse(Path file) {
        try {
            return JSON.readValue(file.toFile(), CellResult.class);
        } catch (IOException e) {
            throw new InvalidInputException(file, "not a cell result (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
