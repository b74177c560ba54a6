package org.histoprune.io;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whole-slide formats through libopenslide, found at run time. Without the library, files in formats only
 * OpenSlide reads are still claimed, so that opening one says which package to install.
 */
public final class OpenSlideReaderProvider implements SlideReaderProvider {
    static final String INSTALL_HINT = "OpenSlide is needed for this format: apt-get install libopenslide0";
    private static final Set<String> OPENSLIDE_ONLY = Set.of("ndpi", "mrxs", "vms", "vmu", "scn", "bif", "svslide");
    /** Vendors whose files the TIFF reader handles well; OpenSlide is the fallback for those. */
    private static final Set<String> ALSO_TIFF = Set.of("generic-tiff", "aperio");

    private final Supplier<Optional<OpenSlideLibrary>> loader;
    private Optional<OpenSlideLibrary> library;

    /** Finds libopenslide on the system when first needed. */
    public OpenSlideReaderProvider() {
        this(OpenSlideLibrary::load);
    }

    /** For tests: a provider that sees the library {@code loader} gives (or none). */
    OpenSlideReaderProvider(Supplier<Optional<OpenSlideLibrary>> loader) {
        this.loader = loader;
    }

    @Override
    public String name() {
        return "OpenSlide";
    }

    /** Whether libopenslide could be loaded. */
    public boolean available() {
        return library().isPresent();
    }

    /** The library's version, e.g. "3.4.1", when it is installed. */
    public Optional<String> version() {
        return library().map(OpenSlideLibrary::openslide_get_version);
    }

    @Override
    public double supportScore(FileProbe probe) {
        if (OPENSLIDE_ONLY.contains(probe.extension())) {
            return 0.95;
        }
        if (library().isEmpty() || !probe.isTiff()) {
            return 0;
        }
        String vendor = library().get().openslide_detect_vendor(probe.file().toAbsolutePath().toString());
        if (vendor == null) {
            return 0;
        }
        return ALSO_TIFF.contains(vendor) ? 0.5 : 0.95;
    }

    @Override
    public SlideReader open(Path file) {
        OpenSlideLibrary openSlide = library().orElseThrow(() -> new InvalidInputException(file, INSTALL_HINT));
        return OpenSlideReader.open(openSlide, file);
    }

    private synchronized Optional<OpenSlideLibrary> library() {
        if (library == null) {
            library = loader.get();
        }
        return library;
    }
}
