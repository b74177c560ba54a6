package org.histoprune.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import org.histoprune.app.files.FileDialogs;
import org.histoprune.app.files.SlideOpener;
import org.histoprune.nn.NucleiModel;

/**
 * What the app starts with: how to open slides, where its first model comes from, its preferences node
 * (versioned), the slide to show first, and the file dialogs. Tests build their own.
 */
public record Startup(SlideOpener opener, ModelSource models, Preferences preferences, Optional<Path> initialSlide,
        FileDialogs dialogs) {
    static final String PREFERENCES_NODE = "org/histoprune/app/v1";
    static final Path SAMPLE_SLIDES = Path.of("sample-slides");

    /** The command line's first argument, else the largest sample slide, else nothing. */
    static Startup defaults(List<String> arguments, SlideOpener opener) {
        Optional<Path> initial = arguments.isEmpty() ? largestSlideIn(SAMPLE_SLIDES) : Optional.of(Path.of(arguments.get(0)));
        return new Startup(opener, NucleiModel::loadBundled, Preferences.userRoot().node(PREFERENCES_NODE), initial,
                FileDialogs.system());
    }

    /** The largest slide or image in a folder or its subfolders, leaving out label images. */
    static Optional<Path> largestSlideIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(directory, 2)) {
            return files.filter(Startup::looksLikeSlide).max(Comparator.comparingLong(Startup::size));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikeSlide(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Path parent = file.getParent();
        boolean inLabels = parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals("labels");
        return Files.isRegularFile(file) && !inLabels && !name.contains("label")
                && name.matches(".*\\.(tiff?|svs|ndpi|png|jpe?g)$");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
