package org.histoprune.io;

import org.histoprune.image.RgbImage;

/**
 * Pixels of a (possibly huge) image produced on demand, rectangle by rectangle, so that writing it never needs
 * the whole image in memory. Coordinates are full-resolution pixels; the result must be exactly
 * {@code width x height}.
 */
@FunctionalInterface
public interface RegionSource {
    RgbImage render(int x, int y, int width, int height);
}
