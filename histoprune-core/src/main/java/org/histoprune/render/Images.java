package org.histoprune.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import org.histoprune.image.RgbImage;

/** Conversions between our rasters and Java2D images, without copying pixels. */
public final class Images {
    private static final int[] RGB_MASKS = {0xFF0000, 0xFF00, 0xFF};

    private Images() {
    }

    /** An INT_RGB image that shares the pixel array of {@code image}. */
    static BufferedImage wrap(RgbImage image) {
        DataBufferInt buffer = new DataBufferInt(image.rgb(), image.rgb().length);
        WritableRaster raster = Raster.createPackedRaster(buffer, image.width(), image.height(), image.width(),
                RGB_MASKS, null);
        return new BufferedImage(new DirectColorModel(24, RGB_MASKS[0], RGB_MASKS[1], RGB_MASKS[2]), raster,
                false, null);
    }

    /** The pixel array of an INT_RGB or INT_ARGB(_PRE) image. */
    public static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }
}
