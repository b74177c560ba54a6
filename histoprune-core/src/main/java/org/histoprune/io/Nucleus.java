package org.histoprune.io;

import org.locationtech.jts.geom.Geometry;

/**
 * One segmented nucleus and its measurements, in image pixel coordinates (pixel {@code (x, y)} covers
 * {@code [x, x+1) x [y, y+1)}, so a pixel's centre is at {@code (x + 0.5, y + 0.5)}).
 *
 * @param outline        outer boundary as {@link NucleusOutlines} traces it (Polygon, or MultiPolygon for an
 *                       instance in several pieces)
 * @param areaMicrons2   area in square microns; NaN when the pixel size is unknown
 * @param perimeter      length of the outline simplified by one pixel, in pixels
 * @param circularity    4 pi area / perimeter^2: 1 for a disc, less for any other shape
 * @param eccentricity   of the ellipse with the same second moments: 0 for a disc, towards 1 when elongated
 * @param solidity       area / convex hull area of the outline simplified by one pixel
 * @param hematoxylin    mean hematoxylin optical density over the nucleus's pixels
 * @param eosin          mean eosin optical density over the nucleus's pixels
 */
public record Nucleus(int label, Geometry outline, double centroidX, double centroidY, int areaPixels,
        double areaMicrons2, double perimeter, double circularity, double eccentricity, double solidity,
        double hematoxylin, double eosin) {
}
