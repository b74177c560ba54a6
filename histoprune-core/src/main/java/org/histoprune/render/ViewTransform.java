package org.histoprune.render;

import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;

/**
 * What the viewer shows: the level-0 image point at the top-left screen pixel, how many image pixels one
 * screen pixel spans, and the screen size in pixels.
 */
public record ViewTransform(double originX, double originY, double downsample, int width, int height) {
    public ViewTransform {
        if (!(downsample > 0) || Double.isInfinite(downsample)) {
            throw new IllegalArgumentException("downsample must be positive, got " + downsample);
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("view size must be positive, got " + width + "x" + height);
        }
    }

    /** The whole image centred in the view, with a small margin. */
    public static ViewTransform fit(int imageWidth, int imageHeight, int width, int height) {
        double downsample = Math.max((double) imageWidth / width, (double) imageHeight / height) * 1.04;
        return centredOn(imageWidth / 2.0, imageHeight / 2.0, downsample, width, height);
    }

    public static ViewTransform centredOn(double imageX, double imageY, double downsample, int width, int height) {
        return new ViewTransform(imageX - width * downsample / 2, imageY - height * downsample / 2, downsample,
                width, height);
    }

    public double imageX(double screenX) {
        return originX + screenX * downsample;
    }

    public double imageY(double screenY) {
        return originY + screenY * downsample;
    }

    public double centreX() {
        return imageX(width / 2.0);
    }

    public double centreY() {
        return imageY(height / 2.0);
    }

    /** The screen-grid column at the left edge: tiles anchored at image (0, 0) sit at whole screen pixels. */
    public int screenOffsetX() {
        return (int) Math.round(originX / downsample);
    }

    public int screenOffsetY() {
        return (int) Math.round(originY / downsample);
    }

    /** Zooms by {@code factor} (> 1 zooms out) keeping the image point under the screen point in place. */
    public ViewTransform zoomAround(double factor, double screenX, double screenY) {
        double newDownsample = downsample * factor;
        return new ViewTransform(imageX(screenX) - screenX * newDownsample, imageY(screenY) - screenY * newDownsample,
                newDownsample, width, height);
    }

    public ViewTransform withDownsample(double newDownsample) {
        return centredOn(centreX(), centreY(), newDownsample, width, height);
    }

    public ViewTransform centredOn(double imageX, double imageY) {
        return centredOn(imageX, imageY, downsample, width, height);
    }

    /** Moves the image with the mouse: a drag by (dx, dy) screen pixels. */
    public ViewTransform panByScreen(double dx, double dy) {
        return new ViewTransform(originX - dx * downsample, originY - dy * downsample, downsample, width, height);
    }

    /** A new screen size, keeping the centre. */
    public ViewTransform resized(int newWidth, int newHeight) {
        return centredOn(centreX(), centreY(), downsample, newWidth, newHeight);
    }

    public Rectangle2D visibleImageRegion() {
        return new Rectangle2D.Double(originX, originY, width * downsample, height * downsample);
    }

    public AffineTransform screenToImage() {
        return new AffineTransform(downsample, 0, 0, downsample, originX, originY);
    }

    public AffineTransform imageToScreen() {
        AffineTransform transform = AffineTransform.getScaleInstance(1 / downsample, 1 / downsample);
        transform.translate(-originX, -originY);
        return transform;
    }
}
