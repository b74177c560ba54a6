package org.histoprune.io;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.histoprune.image.RgbImage;

/**
 * Slides in the formats of libopenslide (NDPI, MRXS, SCN, VMS, BIF, Philips TIFF, SVS, generic tiled TIFF).
 * OpenSlide caches tiles itself and is thread-safe, so regions are passed straight through.
 */
final class OpenSlideReader extends AbstractSlideReader {
    private final OpenSlideLibrary library;
    private Pointer slide;

    private OpenSlideReader(OpenSlideLibrary library, Path path, Pointer slide, List<Level> levels,
            OptionalDouble micronsPerPixel) {
        super(path, levels, micronsPerPixel);
        this.library = library;
        this.slide = slide;
    }

    static OpenSlideReader open(OpenSlideLibrary library, Path file) {
        String name = file.toAbsolutePath().toString();
        Pointer slide = library.openslide_open(name);
        if (slide == null) {
            throw new InvalidInputException(file, "OpenSlide does not recognise the format");
        }
        try {
            String error = library.openslide_get_error(slide);
            if (error != null) {
                throw new InvalidInputException(file, "OpenSlide cannot read it (" + error + ")");
            }
            int count = library.openslide_get_level_count(slide);
            if (count <= 0) {
                throw new InvalidInputException(file, "OpenSlide found no levels");
            }
            List<Level> levels = new ArrayList<>();
            for (int level = 0; level < count; level++) {
                long[] width = new long[1];
                long[] height = new long[1];
                library.openslide_get_level_dimensions(slide, level, width, height);
                if (width[0] <= 0 || height[0] <= 0 || width[0] > Integer.MAX_VALUE || height[0] > Integer.MAX_VALUE) {
                    throw new InvalidInputException(file, "level " + level + " has size " + width[0] + "x" + height[0]);
                }
                double downsample = Math.max(1, library.openslide_get_level_downsample(slide, level));
                levels.add(new Level((int) width[0], (int) height[0], downsample));
            }
            return new OpenSlideReader(library, file, slide, List.copyOf(levels), micronsPerPixel(library, slide));
        } catch (RuntimeException e) {
            library.openslide_close(slide);
            throw e;
        }
    }

    private static OptionalDouble micronsPerPixel(OpenSlideLibrary library, Pointer slide) {
        String value = library.openslide_get_property_value(slide, "openslide.mpp-x");
        try {
            return value == null ? OptionalDouble.empty() : PixelSizes.plausible(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    @Override
    public synchronized Map<String, String> properties() {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        if (slide == null) {
            return properties;
        }
        String vendor = library.openslide_get_property_value(slide, "openslide.vendor");
        properties.put("format", vendor == null ? "unknown" : vendor + " (OpenSlide)");
        properties.put("vendor", vendor == null ? "unknown" : vendor);
        String width = library.openslide_get_property_value(slide, "openslide.level[0].tile-width");
        String height = library.openslide_get_property_value(slide, "openslide.level[0].tile-height");
        if (width != null && height != null) {
            properties.put("tile", width + "x" + height + " px tiles");
        }
        String compression = library.openslide_get_property_value(slide, "tiff.Compression");
        if (compression != null) {
            properties.put("compression", compression);
        }
        return properties;
    }

    @Override
    public RgbImage readRegion(int level, int x, int y, int width, int height) throws IOException {
        checkRegion(level, width, height);
        Pointer handle = handle();
        int[] argb = new int[width * height];
        double downsample = levels().get(level).downsample();
        // OpenSlide takes the corner in level-0 pixels and the size in pixels of the level.
        library.openslide_read_region(handle, argb, Math.round(x * downsample), Math.round(y * downsample), level,
                width, height);
        String error = library.openslide_get_error(handle);
        if (error != null) {
            throw new InvalidInputException(path(), "OpenSlide cannot read the region (" + error + ")");
        }
        for (int i = 0; i < argb.length; i++) {
            // Premultiplied ARGB over white: colour + (255 - alpha) in each channel; outside the slide alpha is 0.
            int gap = 255 - (argb[i] >>> 24);
            argb[i] = Math.min(255, (argb[i] >> 16 & 0xFF) + gap) << 16 | Math.min(255, (argb[i] >> 8 & 0xFF) + gap) << 8
                    | Math.min(255, (argb[i] & 0xFF) + gap);
        }
        return new RgbImage(width, height, argb);
    }

    private synchronized Pointer handle() throws IOException {
        if (slide == null) {
            throw new IOException(path() + ": reader is closed");
        }
        return slide;
    }

    @Override
    public synchronized void close() {
        if (slide != null) {
            library.openslide_close(slide);
            slide = null;
        }
    }
}
