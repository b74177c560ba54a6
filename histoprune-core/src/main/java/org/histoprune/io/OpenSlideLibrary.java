package org.histoprune.io;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Optional;

/** The C API of libopenslide (3.4) used here, bound through JNA. */
interface OpenSlideLibrary extends Library {
    String openslide_get_version();

    String openslide_detect_vendor(String filename);

    Pointer openslide_open(String filename);

    String openslide_get_error(Pointer slide);

    int openslide_get_level_count(Pointer slide);

    void openslide_get_level_dimensions(Pointer slide, int level, long[] width, long[] height);

    double openslide_get_level_downsample(Pointer slide, int level);

    String openslide_get_property_value(Pointer slide, String name);

    void openslide_read_region(Pointer slide, int[] destination, long x, long y, int level, long width, long height);

    void openslide_close(Pointer slide);

    /** The two libtiff calls that silence its messages on stderr (OpenSlide probes files through libtiff). */
    interface LibTiff extends Library {
        Pointer TIFFSetErrorHandler(Pointer handler);

        Pointer TIFFSetWarningHandler(Pointer handler);
    }

    /** The installed library, if any: Debian's libopenslide0 ships only the versioned name. */
    static Optional<OpenSlideLibrary> load() {
        for (String name : new String[] {"openslide", "libopenslide.so.0", "libopenslide.so.1"}) {
            try {
                OpenSlideLibrary library = Native.load(name, OpenSlideLibrary.class);
                silenceLibTiff();
                return Optional.of(library);
            } catch (UnsatisfiedLinkError e) {
                // try the next name
            }
        }
        return Optional.empty();
    }

    /** Errors reach us through openslide_get_error; libtiff's own printing would only clutter the console. */
    private static void silenceLibTiff() {
        for (String name : new String[] {"tiff", "libtiff.so.6", "libtiff.so.5"}) {
            try {
                LibTiff tiff = Native.load(name, LibTiff.class);
                tiff.TIFFSetErrorHandler(null);
                tiff.TIFFSetWarningHandler(null);
                return;
            } catch (UnsatisfiedLinkError e) {
                // try the next name
            }
        }
    }
}
