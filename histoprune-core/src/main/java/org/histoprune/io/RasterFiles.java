package org.histoprune.io;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.awt.color.ColorSpace;
import java.awt.Transparency;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;

/** Reads and writes whole single-resolution rasters: RGB images, label images and float maps. */
public final class RasterFiles {
    /**
     * PNG compression quality of RGB images (the JDK writer's deflate level is about 9 x (1 - quality)): tissue
     * photographs and overlays gain nothing from harder deflating; a 1000x1000 overlay took 94 ms instead of 163
     * at the default, at the same size (2.6 MB).
     */
    private static final float RGB_PNG_QUALITY = 0.75f;

    private static final int MAX_PIXELS = 1 << 28;

    private RasterFiles() {
    }

    public static RgbImage readRgb(Path file) {
        BufferedImage image = readImage(file);
        int width = image.getWidth();
        int height = image.getHeight();
        // getRGB converts any colour model (palette, 16-bit, gray, RGBA); alpha is dropped.
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xFFFFFF;
        }
        return new RgbImage(width, height, rgb);
    }

    /** A single-channel integer image of instance ids (8, 16 or 32 bit). */
    public static LabelImage readLabels(Path file) {
        Raster raster = readImage(file).getRaster();
        if (raster.getNumBands() != 1) {
            throw new InvalidInputException(file,
                    "a label image must have one channel, found " + raster.getNumBands());
        }
        int type = raster.getDataBuffer().getDataType();
        if (type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE) {
            throw new InvalidInputException(file, "a label image must hold integers, found floating-point samples");
        }
        int width = raster.getWidth();
        int height = raster.getHeight();
        int[] labels = raster.getSamples(0, 0, width, height, 0, new int[width * height]);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new InvalidInputException(file, "negative label " + labels[i] + " at pixel ("
                        + i % width + ", " + i / width + ")");
            }
        }
        return new LabelImage(width, height, labels);
    }

    /** A 32-bit float TIFF as is, or an 8/16-bit image scaled to 0..1; NaN or infinite values are refused. */
    public static FloatMap readFloatMap(Path file) {
        Raster raster = readImage(file).getRaster();
        if (raster.getNumBands() != 1) {
            throw new InvalidInputException(file, "a map must have one channel, found " + raster.getNumBands());
        }
        int width = raster.getWidth();
        int height = raster.getHeight();
        float[] values = raster.getSamples(0, 0, width, height, 0, new float[width * height]);
        int type = raster.getDataBuffer().getDataType();
        if (type != DataBuffer.TYPE_FLOAT && type != DataBuffer.TYPE_DOUBLE) {
            float scale = (float) (1.0 / maxSampleValue(raster));
            for (int i = 0; i < values.length; i++) {
                values[i] *= scale;
            }
        }
        FloatMap map = new FloatMap(width, height, values);
        int bad = map.firstNonFinite();
        if (bad >= 0) {
            throw new InvalidInputException(file, "value " + values[bad] + " at pixel (" + bad % width + ", "
                    + bad / width + ") is not a finite number");
        }
        return map;
    }

    /** A 16-bit PNG (or TIFF by extension), or a 32-bit TIFF when ids exceed 65,535. Written atomically. */
    public static Path writeLabels(LabelImage labels, Path file) throws IOException {
        int maxLabel = labels.maxLabel();
        boolean wide = maxLabel > 0xFFFF;
        Path target = wide && !isTiff(file) ? withExtension(file, "tif") : file;
        BufferedImage image = wide ? int32Gray(labels) : new BufferedImage(labels.width(), labels.height(),
                BufferedImage.TYPE_USHORT_GRAY);
        if (!wide) {
            image.getRaster().setSamples(0, 0, labels.width(), labels.height(), 0, labels.labels());
        }
        writeImage(image, isTiff(target) ? "tiff" : "png", target);
        return target;
    }

    /** A 32-bit float TIFF. Written atomically. */
    public static void writeFloatMap(FloatMap map, Path file) throws IOException {
        ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        WritableRaster raster = model.createCompatibleWritableRaster(map.width(), map.height());
        raster.setSamples(0, 0, map.width(), map.height(), 0, map.values());
        writeImage(new BufferedImage(model, raster, false, null), "tiff", file);
    }

    public static void writeRgbPng(RgbImage image, Path file) throws IOException {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        buffered.setRGB(0, 0, image.width(), image.height(), image.rgb(), 0, image.width());
        writeImage(buffered, "png", RGB_PNG_QUALITY, file);
    }

    private static void writeImage(BufferedImage image, String format, Path file) throws IOException {
        writeImage(image, format, Float.NaN, file);
    }

    /** {@code quality} NaN: the writer's default compression. */
    private static void writeImage(BufferedImage image, String format, float quality, Path file) throws IOException {
        ImageWriter writer = writerFor(format);
        AtomicFiles.write(file, out -> {
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = null;
                if (!Float.isNaN(quality)) {
                    param = writer.getDefaultWriteParam();
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(quality);
                }
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        });
    }

    /** For TIFF the JDK's writer: TwelveMonkeys' cannot write 32-bit float or int samples. */
    private static ImageWriter writerFor(String format) throws IOException {
        ImageWriter fallback = null;
        for (var writers = ImageIO.getImageWritersByFormatName(format); writers.hasNext(); ) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getName().startsWith("com.sun.imageio.")) {
                return writer;
            }
            fallback = fallback == null ? writer : fallback;
        }
        if (fallback == null) {
            throw new IOException("no " + format + " writer installed");
        }
        return fallback;
    }

    private static BufferedImage int32Gray(LabelImage labels) {
        ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), new int[] {32},
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_INT);
        WritableRaster raster = model.createCompatibleWritableRaster(labels.width(), labels.height());
        raster.setSamples(0, 0, labels.width(), labels.height(), 0, labels.labels());
        return new BufferedImage(model, raster, false, null);
    }

    private static BufferedImage readImage(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, Files.exists(file) ? "not a regular file" : "file not found");
        }
        try (InputStream in = Files.newInputStream(file); ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            var readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new InvalidInputException(file, "not an image in a known format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new InvalidInputException(file, "image of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " px is too large to read whole; open it as a slide");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "file not found");
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(file, "cannot decode image (" + describe(e) + ")", e);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static double maxSampleValue(Raster raster) {
        int bits = raster.getSampleModel().getSampleSize(0);
        return bits >= 31 ? Integer.MAX_VALUE : (1L << bits) - 1;
    }

    private static boolean isTiff(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tif") || name.endsWith(".tiff");
    }

    private static Path withExtension(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "." + extension);
    }
}
