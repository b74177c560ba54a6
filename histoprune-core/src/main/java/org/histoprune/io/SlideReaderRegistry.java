package org.histoprune.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens slides with the best of a set of reader providers: each rates the file, the registry tries them from the
 * highest score down and returns the first reader that opens. Pass one instance to whoever opens slides.
 */
public final class SlideReaderRegistry {
    private final List<SlideReaderProvider> providers;

    public SlideReaderRegistry(List<SlideReaderProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** The providers registered in {@code META-INF/services/org.histoprune.io.SlideReaderProvider}. */
    public static SlideReaderRegistry withInstalledReaders() {
        List<SlideReaderProvider> found = new ArrayList<>();
        ServiceLoader.load(SlideReaderProvider.class, SlideReaderRegistry.class.getClassLoader()).forEach(found::add);
        return new SlideReaderRegistry(found);
    }

    public List<SlideReaderProvider> providers() {
        return providers;
    }

    /** Providers that can read the file, best first. */
    public List<SlideReaderProvider> rank(FileProbe probe) {
        record Scored(SlideReaderProvider provider, double score) {
        }
        return providers.stream().map(p -> new Scored(p, p.supportScore(probe))).filter(s -> s.score() > 0)
                .sorted(Comparator.comparingDouble(Scored::score).reversed()).map(Scored::provider).toList();
    }

    /**
     * Opens a slide. Any failure (missing file, unknown format, corrupt content) is an
     * {@link InvalidInputException} naming the file; when every candidate fails, the best one's reason is given.
     */
    public SlideReader open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, Files.exists(file) ? "not a regular file" : "file not found");
        }
        FileProbe probe;
        try {
            if (Files.size(file) == 0) {
                throw new InvalidInputException(file, "the file is empty (0 bytes)");
            }
            probe = FileProbe.of(file);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
        List<SlideReaderProvider> ranked = rank(probe);
        if (ranked.isEmpty()) {
            throw new InvalidInputException(file, "not an image or slide in a supported format (readers: "
                    + String.join(", ", providers.stream().map(SlideReaderProvider::name).toList()) + ")");
        }
        InvalidInputException first = null;
        for (SlideReaderProvider provider : ranked) {
            try {
                return provider.open(file);
            } catch (InvalidInputException e) {
                first = first == null ? e : first;
            } catch (IOException | RuntimeException e) {
                InvalidInputException wrapped = new InvalidInputException(file,
                        provider.name() + " reader cannot open it (" + describe(e) + ")", e);
                first = first == null ? wrapped : first;
            }
        }
        throw first;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
