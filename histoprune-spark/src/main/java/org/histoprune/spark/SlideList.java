package org.histoprune.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.histoprune.io.InvalidInputException;

/**
 * The slides of a cohort job: the images of a folder, or a text file with one slide path per line, optionally
 * followed by a region {@code X,Y,W,H} (pixels of the segmented level); blank lines and {@code #} comments are
 * skipped, relative paths are relative to the list. Every worker must see the paths (shared storage).
 */
final class SlideList {
    private static final String IMAGE_NAME = ".*\\.(tif|tiff|png|jpg|jpeg|svs|bmp)";

    /** One slide; {@code name} (its file name without extension) names its output; region null = whole level. */
    record Entry(String name, String path, int[] region) implements Serializable {
    }

    private SlideList() {
    }

    static List<Entry> read(Path input) throws IOException {
        if (!Files.exists(input)) {
            throw new InvalidInputException(input, "file not found");
        }
        List<Entry> entries = new ArrayList<>();
        if (Files.isDirectory(input)) {
            try (Stream<Path> files = Files.list(input)) {
                files.filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(IMAGE_NAME)).sorted()
                        .forEach(f -> entries.add(entry(f.toAbsolutePath(), null)));
            }
        } else {
            List<String> lines = Files.readAllLines(input);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                if (parts.length > 2) {
                    throw new InvalidInputException(input, "line " + (i + 1) + ": expected PATH [X,Y,W,H]");
                }
                Path slide = input.toAbsolutePath().getParent().resolve(parts[0]).normalize();
                entries.add(entry(slide, parts.length == 2 ? region(input, i + 1, parts[1]) : null));
            }
        }
        if (entries.isEmpty()) {
            throw new InvalidInputException(input, "no slides in it");
        }
        Set<String> names = new HashSet<>();
        for (Entry entry : entries) {
            if (!names.add(entry.name())) {
                throw new InvalidInputException(input, "two slides are named '" + entry.name()
                        + "'; outputs are named after the slide, so names must differ");
            }
        }
        return entries;
    }

    private static Entry entry(Path file, int[] region) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return new Entry(dot > 0 ? name.substring(0, dot) : name, file.toString(), region);
    }

    private static int[] region(Path list, int line, String text) {
        String[] values = text.split(",");
        try {
            int[] region = new int[values.length];
            for (int k = 0; k < values.length; k++) {
                region[k] = Integer.parseInt(values[k]);
            }
            if (region.length == 4 && region[0] >= 0 && region[1] >= 0 && region[2] > 0 && region[3] > 0) {
                return region;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(list, "line " + line + ": region '" + text + "' is not X,Y,W,H");
    }
}
