package org.histoprune.app;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import org.histoprune.io.SlideReader;

/**
 * Paints one frame with Java2D: the thumbnail as an underlay, the tiles of the pyramid level that fits the
 * zoom (missing ones are requested, never waited for), the overlays, and the scale bar. No JavaFX here, so
 * the same code serves the screen, PNG exports and {@code bench render}.
 */
public final class ViewRenderer {
    static final Color BACKGROUND = new Color(0x1e, 0x20, 0x24);

    /** A new ARGB image of the view. */
    BufferedImage render(ViewTransform view, RenderState state) {
        BufferedImage frame = new BufferedImage(view.width(), view.height(), BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = frame.createGraphics();
        try {
            render(g, view, state);
        } finally {
            g.dispose();
        }
        return frame;
    }

    void render(Graphics2D g, ViewTransform view, RenderState state) {
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, view.width(), view.height());
        SlideImage slide = state.slide();
        if (slide == null) {
            return;
        }
        AffineTransform screen = g.getTransform();
        g.transform(view.imageToScreen());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, view.downsample() < 1
                ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        BufferedImage thumbnail = slide.thumbnail();
        g.drawImage(thumbnail, AffineTransform.getScaleInstance((double) slide.width() / thumbnail.getWidth(),
                (double) slide.height() / thumbnail.getHeight()), null);
        paintTiles(g, view, slide);
        for (Overlay overlay : state.overlays()) {
            overlay.paint(g, view);
        }
        g.setTransform(screen);
        slide.micronsPerPixel().ifPresent(micronsPerPixel -> ScaleBar.paint(g, view, micronsPerPixel));
    }

    /** The tiles this view needs, for exports that read them before rendering. */
    static List<TileKey> visibleTiles(SlideTiles tiles, ViewTransform view) {
        Rectangle2D region = view.visibleImageRegion();
        return tiles.tilesCovering(tiles.levelFor(view.downsample()), region.getX(), region.getY(),
                region.getWidth(), region.getHeight());
    }

    private static void paintTiles(Graphics2D g, ViewTransform view, SlideImage slide) {
        SlideTiles tiles = slide.tiles();
        List<TileKey> keys = visibleTiles(tiles, view);
        tiles.want(new HashSet<>(keys));
        if (keys.isEmpty()) {
            return;
        }
        SlideReader.Level level = slide.reader().levels().get(keys.get(0).level());
        double scaleX = (double) slide.width() / level.width();
        double scaleY = (double) slide.height() / level.height();
        for (TileKey key : keys) {
            BufferedImage tile = tiles.cachedOrRequest(key);
            if (tile != null) {
                g.drawImage(tile, new AffineTransform(scaleX, 0, 0, scaleY, key.column() * SlideTiles.TILE_SIZE * scaleX,
                        key.row() * SlideTiles.TILE_SIZE * scaleY), null);
            }
        }
    }
}
