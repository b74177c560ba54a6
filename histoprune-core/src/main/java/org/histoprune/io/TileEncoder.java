package org.histoprune.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Compresses one square RGB tile as a TIFF tile of the chosen compression. Not thread-safe. */
final class TileEncoder implements AutoCloseable {
    private final TiledTiffWriter.Compression compression;
    private final ImageWriter jpegWriter;
    private final ImageWriteParam jpegParam;
    private final Deflater deflater;
    private final LzwEncoder lzw;

    TileEncoder(TiledTiffWriter.Compression compression, float jpegQuality) {
        this.compression = compression;
        if (compression == TiledTiffWriter.Compression.JPEG) {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
            if (!writers.hasNext()) {
                throw new IllegalStateException("no JPEG writer in ImageIO");
            }
            jpegWriter = writers.next();
            jpegParam = jpegWriter.getDefaultWriteParam();
            jpegParam.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            jpegParam.setCompressionQuality(jpegQuality);
        } else {
            jpegWriter = null;
            jpegParam = null;
        }
        deflater = compression == TiledTiffWriter.Compression.DEFLATE ? new Deflater(6) : null;
        lzw = compression == TiledTiffWriter.Compression.LZW ? new LzwEncoder() : null;
    }

    byte[] encode(int[] rgb, int size) throws IOException {
        return switch (compression) {
            case JPEG -> jpeg(rgb, size);
            case DEFLATE -> deflate(predicted(rgb, size));
            case LZW -> lzw.encode(predicted(rgb, size));
        };
    }

    private byte[] jpeg(int[] rgb, int size) throws IOException {
        DirectColorModel model = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
        var sampleModel = new SinglePixelPackedSampleModel(DataBuffer.TYPE_INT, size, size,
                model.getMasks());
        var raster = Raster.createWritableRaster(sampleModel, new DataBufferInt(rgb, rgb.length), null);
        BufferedImage image = new BufferedImage(model, raster, false, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rgb.length / 4);
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            jpegWriter.setOutput(stream);
            jpegWriter.write(null, new IIOImage(image, null, null), jpegParam);
        }
        return bytes.toByteArray();
    }

    /** Interleaved RGB bytes with TIFF's horizontal differencing (predictor 2), which helps both codecs. */
    private static byte[] predicted(int[] rgb, int size) {
        byte[] bytes = new byte[rgb.length * 3];
        for (int y = 0; y < size; y++) {
            int previous = 0;
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                int pixel = rgb[i];
                bytes[3 * i] = (byte) ((pixel >> 16) - (previous >> 16));
                bytes[3 * i + 1] = (byte) ((pixel >> 8) - (previous >> 8));
                bytes[3 * i + 2] = (byte) (pixel - previous);
                previous = pixel;
            }
        }
        return bytes;
    }

    private byte[] deflate(byte[] data) {
        deflater.reset();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2);
        byte[] chunk = new byte[1 << 16];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        if (jpegWriter != null) {
            jpegWriter.dispose();
        }
        if (deflater != null) {
            deflater.end();
        }
    }
}
