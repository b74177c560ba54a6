package org.histoprune.render;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;

/** An overlay drawn only left (or right) of a divider at a fraction of the view's width. */
public record SwipeClip(Overlay overlay, double position, boolean leftSide) implements Overlay {
    @Override
    public void paint(Graphics2D g, ViewTransform view) {
        double divider = view.imageX(position * view.width());
        double top = view.originY();
        double height = view.height() * view.downsample();
        Rectangle2D side = leftSide ? new Rectangle2D.Double(view.originX(), top, divider - view.originX(), height)
                : new Rectangle2D.Double(divider, top, view.imageX(view.width()) - divider, height);
        Shape previous = g.getClip();
        g.clip(side);
        try {
            overlay.paint(g, view);
        } finally {
            g.setClip(previous);
        }
    }
}
