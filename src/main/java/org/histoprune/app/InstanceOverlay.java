package org.histoprune.app;

import java.awt.AlphaComposite;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Draws one instance layer from cached raster tiles; the cache outlives the overlay (one per frame). */
record InstanceOverlay(InstanceLayer layer, OverlayStyle style, ImageCache<Key> cache) implements Overlay {
    /** A cached tile; opacity is applied while drawing, so it is not part of the key. */
    record Key(InstanceLayer layer, boolean fill, boolean colourPerInstance, double downsample, int column, int row) {
    }

    private static final BufferedImage EMPTY = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE);

    static ImageCache<Key> newCache() {
        return new ImageCache<>(48L << 20);
    }

    @Override
    public void paint(Graphics2D g, ViewTransform view) {
        double downsample = view.downsample();
        double span = LabelRasterizer.TILE * downsample;
        int c0 = (int) Math.floor(view.originX() / span);
        int r0 = (int) Math.floor(view.originY() / span);
        int c1 = (int) Math.floor(view.imageX(view.width()) / span);
        int r1 = (int) Math.floor(view.imageY(view.height()) / span);
        Composite previous = g.getComposite();
        g.setComposite(AlphaComposite.SrcOver.derive((float) style.opacity()));
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        for (int row = r0; row <= r1; row++) {
            for (int column = c0; column <= c1; column++) {
                BufferedImage tile = tile(new Key(layer, style.fill(), style.colourPerInstance(), downsample, column, row));
                if (tile != EMPTY) {
                    g.drawImage(tile, new AffineTransform(downsample, 0, 0, downsample, column * span, row * span), null);
                }
            }
        }
        g.setComposite(previous);
    }

    private BufferedImage tile(Key key) {
        BufferedImage tile = cache.get(key);
        if (tile == null) {
            tile = LabelRasterizer.tile(layer, key.downsample(), key.column(), key.row(), key.fill(),
                    key.colourPerInstance());
            tile = tile == null ? EMPTY : tile;
            cache.put(key, tile);
        }
        return tile;
    }
}
