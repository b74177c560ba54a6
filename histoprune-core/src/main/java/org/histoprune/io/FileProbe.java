package org.histoprune.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** What providers look at to rank themselves for a file: its name and its first bytes. */
public record FileProbe(Path file, byte[] head) {
    private static final int HEAD_BYTES = 512;

    public FileProbe {
        head = head.clone();
    }

    static FileProbe of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new FileProbe(file, in.readNBytes(HEAD_BYTES));
        }
    }

    /** The lower-case file name extension without the dot, or "" when there is none. */
    public String extension() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether the file starts with these bytes. */
    public boolean startsWith(int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the file starts with a TIFF or BigTIFF header, in either byte order. */
    public boolean isTiff() {
        return startsWith('I', 'I', 42, 0) || startsWith('M', 'M', 0, 42)
                || startsWith('I', 'I', 43, 0) || startsWith('M', 'M', 0, 43);
    }

    @Override
    public byte[] head() {
        return head.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileProbe probe && probe.file.equals(file) && Arrays.equals(probe.head, head);
    }

    @Override
    public int hashCode() {
        return 31 * file.hashCode() + Arrays.hashCode(head);
    }

    @Override
    public String toString() {
        return "FileProbe[" + file + ", " + head.length + " bytes]";
    }
}
