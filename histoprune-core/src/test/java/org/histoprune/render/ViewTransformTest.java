package org.histoprune.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.geom.Point2D;
import org.junit.jupiter.api.Test;

class ViewTransformTest {
    private final ViewTransform view = new ViewTransform(100, 50, 2, 800, 600);

    @Test
    void mapsScreenToImageAndBack() {
        assertEquals(100 + 10 * 2, view.imageX(10), 1e-12);
        assertEquals(50 + 20 * 2, view.imageY(20), 1e-12);
        Point2D screen = view.imageToScreen().transform(new Point2D.Double(view.imageX(33), view.imageY(44)), null);
        assertEquals(33, screen.getX(), 1e-9);
        assertEquals(44, screen.getY(), 1e-9);
        Point2D image = view.screenToImage().transform(new Point2D.Double(33, 44), null);
        assertEquals(view.imageX(33), image.getX(), 1e-9);
    }

    @Test
    void zoomKeepsThePointUnderTheCursor() {
        ViewTransform zoomed = view.zoomAround(0.5, 200, 300);
        assertEquals(1, zoomed.downsample(), 1e-12);
        assertEquals(view.imageX(200), zoomed.imageX(200), 1e-9);
        assertEquals(view.imageY(300), zoomed.imageY(300), 1e-9);
    }

    @Test
    void fitCentresTheWholeImage() {
        ViewTransform fitted = ViewTransform.fit(20_000, 10_000, 1000, 800);
        assertEquals(10_000, fitted.centreX(), 1e-6);
        assertEquals(5_000, fitted.centreY(), 1e-6);
        assertEquals(true, fitted.width() * fitted.downsample() >= 20_000);
        assertEquals(true, fitted.height() * fitted.downsample() >= 10_000);
    }

    @Test
    void panMovesTheImageWithTheMouseAndResizeKeepsTheCentre() {
        ViewTransform panned = view.panByScreen(10, -5);
        assertEquals(view.originX() - 20, panned.originX(), 1e-12);
        assertEquals(view.originY() + 10, panned.originY(), 1e-12);
        ViewTransform resized = view.resized(400, 300);
        assertEquals(view.centreX(), resized.centreX(), 1e-9);
        assertEquals(view.centreY(), resized.centreY(), 1e-9);
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new ViewTransform(0, 0, 0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new ViewTransform(0, 0, Double.NaN, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new ViewTransform(0, 0, 1, 0, 10));
    }
}
