package org.histoprune.io;

import java.io.IOException;
import java.nio.file.Path;

/** PNG, JPEG and BMP, recognised by their first bytes, through {@link ImageIoSlideReader}. */
public final class ImageIoSlideReaderProvider implements SlideReaderProvider {
    @Override
    public String name() {
        return "ImageIO (PNG, JPEG, BMP)";
    }

    @Override
    public double supportScore(FileProbe probe) {
        boolean png = probe.startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        boolean jpeg = probe.startsWith(0xFF, 0xD8, 0xFF);
        boolean bmp = probe.startsWith('B', 'M');
        return png || jpeg || bmp ? 0.9 : 0;
    }

    @Override
    public SlideReader open(Path file) throws IOException {
        return ImageIoSlideReader.open(file);
    }
}
