package org.histoprune.render;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Draws one instance layer from cached raster tiles; the cache outlives the overlay (one per frame). */
public record InstanceOverlay(InstanceLayer layer, OverlayStyle style, ImageCache<Key> cache) implements Overlay {
    /** A cached tile; opacity is applied while drawing, so it is not part of the key. */
    public record Key(InstanceLayer layer, boolean fill, boolean colourPerInstance, double downsample, int column, int row) {
    }

    private static final Color BOUNDS = new Color(255, 255, 255, 150);
    private static final BufferedImage EMPTY = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE);

    public static ImageCache<Key> newCache() {
        return new ImageCache<>(16L << 20);
    }

    @Override
    public void paint(Graphics2D g, ViewTransform view) {
        AffineTransform image = g.getTransform();
        AffineTransform screen = new AffineTransform(image);
        screen.concatenate(view.screenToImage());
        g.setTransform(screen);
        Composite previous = g.getComposite();
        g.setComposite(AlphaComposite.SrcOver.derive((float) style.opacity()));
        int size = LabelRasterizer.TILE;
        int offsetX = view.screenOffsetX();
        int offsetY = view.screenOffsetY();
        for (int row = Math.floorDiv(offsetY, size); row <= Math.floorDiv(offsetY + view.height() - 1, size); row++) {
            for (int column = Math.floorDiv(offsetX, size); column <= Math.floorDiv(offsetX + view.width() - 1, size);
                    column++) {
                BufferedImage tile = tile(new Key(layer, style.fill(), style.colourPerInstance(), view.downsample(),
                        column, row));
                if (tile != EMPTY) {
                    g.drawImage(tile, column * size - offsetX, row * size - offsetY, null);
                }
            }
        }
        g.setComposite(previous);
        g.setTransform(image);
        paintBounds(g, view);
    }

    /** A thin dashed frame around the layer, so a segmented field shows where it ends. */
    private void paintBounds(Graphics2D g, ViewTransform view) {
        float pixel = (float) view.downsample();
        g.setStroke(new BasicStroke(pixel, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {6 * pixel, 4 * pixel}, 0));
        g.setColor(BOUNDS);
        g.draw(new Rectangle2D.Double(layer.originX(), layer.originY(), layer.labels().width(),
                layer.labels().height()));
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
