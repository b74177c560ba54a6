package org.histoprune.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary sibling and a rename, so a reader never sees half a file; the content is
 * forced to disk before the rename and the directory after it, so that after a power cut the file is either the
 * old one or the whole new one, never an empty file under the new name.
 */
public final class AtomicFiles {
    /** Writes the content of one file to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the content of one file to a channel that may seek back (to patch headers, say). */
    @FunctionalInterface
    public interface SeekableContent {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Content content) throws IOException {
        writeSeekable(target, channel -> {
            // Not closed here: closing the stream would close the channel, which the caller owns.
            OutputStream out = Channels.newOutputStream(channel);
            content.writeTo(out);
            out.flush();
        });
    }

    public static void writeSeekable(Path target, SeekableContent content) throws IOException {
        try (Pending pending = begin(target)) {
            content.writeTo(pending.channel());
            pending.commit();
        }
    }

    /**
     * Starts a file that is written over a longer time (streamed while other work goes on) and appears only on
     * {@link Pending#commit()}; closing it uncommitted deletes what was written.
     */
    public static Pending begin(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        // Not Files.createTempFile: its owner-only mode would stay on the finished file.
        Path temporary = Files.createFile(directory.resolve(
                "." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part"));
        try {
            return new Pending(absolute, temporary, FileChannel.open(temporary, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** A file being written to a temporary sibling; see {@link #begin}. */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final Path temporary;
        private final FileChannel channel;
        private final OutputStream stream;

        private Pending(Path target, Path temporary, FileChannel channel) {
            this.target = target;
            this.temporary = temporary;
            this.channel = channel;
            // Not closed by its users: closing the stream would close the channel, which this owns.
            this.stream = Channels.newOutputStream(channel);
        }

        public FileChannel channel() {
            return channel;
        }

        public OutputStream stream() {
            return stream;
        }

        /** Forces the file to disk, closes it and moves it into place. */
        public void commit() throws IOException {
            stream.flush();
            channel.close(); // may be closed already: a ZipOutputStream closes the stream it wraps
            try (FileChannel written = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(target.getParent());
        }

        /** Deletes the temporary file unless it was committed. */
        @Override
        public void close() throws IOException {
            channel.close();
            Files.deleteIfExists(temporary);
        }
    }

    /** Makes a rename in the directory durable; where directories cannot be opened (Windows) it is skipped. */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (java.nio.file.AccessDeniedException | UnsupportedOperationException e) {
            // the platform keeps no separate directory entry to sync
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
