package org.histoprune.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** TIFF, BigTIFF, SVS and OME-TIFF through {@link TiffSlideReader}. */
public final class TiffSlideReaderProvider implements SlideReaderProvider {
    /** TIFF-based formats that OpenSlide reads better; NDPI's huge JPEG strips are beyond this reader. */
    private static final Set<String> BETTER_ELSEWHERE = Set.of("scn", "bif", "svslide");

    @Override
    public String name() {
        return "TIFF";
    }

    @Override
    public double supportScore(FileProbe probe) {
        if (!probe.isTiff() || probe.extension().equals("ndpi")) {
            return 0;
        }
        return BETTER_ELSEWHERE.contains(probe.extension()) ? 0.3 : 0.8;
    }

    @Override
    public SlideReader open(Path file) throws IOException {
        return TiffSlideReader.open(file);
    }
}
