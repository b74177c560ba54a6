package org.histoprune.io;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import org.histoprune.image.RgbImage;

/** Decoded images to packed RGB, with any transparency flattened onto white. */
final class RgbRasters {
    private RgbRasters() {
    }

    static RgbImage toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = interleavedBytes(image);
        if (rgb != null) {
            return new RgbImage(width, height, rgb);
        }
        // Any other colour model (gray, palette, 16-bit, CMYK, alpha): let Java2D convert, row by row.
        rgb = new int[width * height];
        boolean alpha = image.getColorModel().hasAlpha();
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, rgb, y * width, width);
        }
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = alpha ? overWhite(rgb[i]) : rgb[i] & 0xFFFFFF;
        }
        return new RgbImage(width, height, rgb);
    }

    /** Composites a non-premultiplied ARGB pixel onto white. */
    static int overWhite(int argb) {
        int alpha = argb >>> 24;
        if (alpha == 255) {
            return argb & 0xFFFFFF;
        }
        int background = 255 * (255 - alpha);
        int red = ((argb >> 16 & 0xFF) * alpha + background + 127) / 255;
        int green = ((argb >> 8 & 0xFF) * alpha + background + 127) / 255;
        int blue = ((argb & 0xFF) * alpha + background + 127) / 255;
        return red << 16 | green << 8 | blue;
    }

    /** The fast path for 8-bit interleaved RGB in the sRGB space (TIFF, JPEG and PNG decoders give these). */
    private static int[] interleavedBytes(BufferedImage image) {
        Raster raster = image.getRaster();
        if (!(raster.getSampleModel() instanceof ComponentSampleModel model)
                || raster.getDataBuffer().getDataType() != DataBuffer.TYPE_BYTE
                || raster.getNumBands() != 3 || image.getColorModel().hasAlpha()
                || !image.getColorModel().getColorSpace().isCS_sRGB()
                || raster.getDataBuffer().getNumBanks() != 1) {
            return null;
        }
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
        int[] offsets = model.getBandOffsets();
        int pixelStride = model.getPixelStride();
        int scanline = model.getScanlineStride();
        // Pixel (0, 0) of the raster sits at (-translateX, -translateY) of its sample model.
        int base = raster.getDataBuffer().getOffset() - raster.getSampleModelTranslateY() * scanline
                - raster.getSampleModelTranslateX() * pixelStride;
        int width = raster.getWidth();
        int height = raster.getHeight();
        int[] rgb = new int[width * height];
        for (int y = 0; y < height; y++) {
            int at = base + y * scanline;
            int out = y * width;
            for (int x = 0; x < width; x++, at += pixelStride) {
                rgb[out + x] = (data[at + offsets[0]] & 0xFF) << 16 | (data[at + offsets[1]] & 0xFF) << 8
                        | (data[at + offsets[2]] & 0xFF);
            }
        }
        return rgb;
    }
}
