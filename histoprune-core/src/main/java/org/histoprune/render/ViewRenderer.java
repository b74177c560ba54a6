package org.histoprune.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Paints one frame with Java2D: the slide (from display tiles; missing pyramid tiles are requested, never
 * waited for), the overlays, and the scale bar. No JavaFX here, so
 * the same code serves the screen, PNG exports and {@code bench render}.
 */
public final class ViewRenderer {
    static final Color BACKGROUND = new Color(0x1e, 0x20, 0x24);

    /** A new ARGB image of the view. */
    public BufferedImage render(ViewTransform view, RenderState state) {
        BufferedImage frame = new BufferedImage(view.width(), view.height(), BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = frame.createGraphics();
        try {
            render(g, view, state);
        } finally {
            g.dispose();
        }
        return frame;
    }

    public void render(Graphics2D g, ViewTransform view, RenderState state) {
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, view.width(), view.height());
        SlideImage slide = state.slide();
        if (slide == null) {
            return;
        }
        slide.painter().paint(g, view);
        AffineTransform screen = g.getTransform();
        g.transform(view.imageToScreen());
        for (Overlay overlay : state.overlays()) {
            overlay.paint(g, view);
        }
        g.setTransform(screen);
        slide.micronsPerPixel().ifPresent(micronsPerPixel -> ScaleBar.paint(g, view, micronsPerPixel));
    }
}
