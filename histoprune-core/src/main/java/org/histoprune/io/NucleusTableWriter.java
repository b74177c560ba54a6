package org.histoprune.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One CSV row per nucleus: {@code id} (its label) then the {@link Nucleus} measurements, comma separated with
 * a dot as decimal mark, so pandas and spreadsheets read it as is. An unknown value (the area in square
 * microns when the pixel size is not known) is an empty field.
 */
public final class NucleusTableWriter {
    private NucleusTableWriter() {
    }

    /** Written atomically. */
    public static void write(List<Nucleus> nuclei, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            try (Stream stream = new Stream(out)) {
                for (Nucleus nucleus : nuclei) {
                    stream.add(nucleus);
                }
            }
        });
    }

    /** The table written row by row, for results too large to hold; close flushes it (and leaves out open). */
    public static final class Stream implements java.io.Closeable {
        private final BufferedWriter writer;

        /** Writes the header line. */
        public Stream(OutputStream out) throws IOException {
            writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write("id");
            for (Measurement measurement : Measurement.values()) {
                writer.write(',');
                writer.write(measurement.column);
            }
            writer.newLine();
        }

        public void add(Nucleus nucleus) throws IOException {
            writer.write(Integer.toString(nucleus.label()));
            for (Measurement measurement : Measurement.values()) {
                writer.write(',');
                writer.write(format(measurement.of(nucleus)));
            }
            writer.newLine();
        }

        @Override
        public void close() throws IOException {
            writer.flush();
        }
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
