package org.histoprune.io;

import java.io.IOException;
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

    /**
     * Formats only OpenSlide reads score high, as do Philips TIFFs (known by their XML description); other TIFFs
     * score below the TIFF reader, so OpenSlide is their fallback. No native code runs here: loading the library
     * and probing costs a tenth of a second, which opening an ordinary TIFF should not pay.
     */
    @Override
    public double supportScore(FileProbe probe) {
        if (OPENSLIDE_ONLY.contains(probe.extension())) {
            return 0.95;
        }
        if (!probe.isTiff()) {
            return 0;
        }
        return isPhilips(probe.file()) ? 0.95 : 0.5;
    }

    private static boolean isPhilips(Path file) {
        try {
            TiffStructure.Layout layout = TiffStructure.read(file);
            String description = layout.description(layout.chain().get(0));
            return description.startsWith("<?xml") && description.contains("DPUfsImport");
        } catch (IOException | RuntimeException e) {
            return false; // not a readable TIFF: the TIFF reader will say why
        }
    }

    /**
     * Opens the slide once it has passed what can be checked before native code runs: a TIFF that our walker
     * refuses (sizes beyond the file or a sane maximum) never reaches OpenSlide, and every file is first opened
     * by OpenSlide in a child process ({@link OpenSlideProbe}), so that an abort there is a refusal here.
     * NDPI is left to the probe: its offsets past 4 GB wrap around and are not valid TIFF.
     */
    @Override
    public SlideReader open(Path file) throws IOException {
        OpenSlideLibrary openSlide = library().orElseThrow(() -> new InvalidInputException(file, INSTALL_HINT));
        FileProbe probe = FileProbe.of(file);
        if (probe.isTiff() && !probe.extension().equals("ndpi")) {
            TiffStructure.read(file);
        }
        OpenSlideProbe.check(file);
        return OpenSlideReader.open(openSlide, file);
    }

    private synchronized Optional<OpenSlideLibrary> library() {
        if (library == null) {
            library = loader.get();
        }
        return library;
    }
}
