package org.histoprune.app.icons;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

/**
 * The application icon, drawn in code so every size and the SVG come from one drawing: a small network whose
 * neurons are stained nuclei on eosin-pink tissue, with half of its first layer's connections pruned (faint,
 * dashed). The files in {@code icons/} are this drawing, written by the test tree's {@code IconGenerator}.
 */
public final class AppIcon {
    static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};
    /** The drawing's own coordinate range: a 512-unit square. */
    static final double UNITS = 512;

    private static final Color TISSUE_LIGHT = new Color(0xF7C6D9);
    private static final Color TISSUE_DARK = new Color(0xDE8AAE);
    private static final Color NUCLEUS = new Color(0x5B2A86);
    private static final Color NUCLEUS_RIM = new Color(0x2E1247);
    private static final Color LINK = new Color(0xFFFFFF);
    private static final Color PRUNED = new Color(255, 255, 255, 110);
    /** Neuron centres by layer, and the radii of their nuclei (x, y). */
    private static final double[][] NEURONS = {
        {120, 136}, {120, 256}, {120, 376}, {262, 190}, {262, 322}, {398, 256}};
    private static final double[][] RADII = {{42, 36}, {38, 34}, {44, 36}, {46, 40}, {42, 38}, {54, 46}};
    /** Connections as neuron index pairs; the pruned ones are drawn faint. */
    private static final int[][] KEPT = {{0, 3}, {1, 4}, {2, 4}, {3, 5}, {4, 5}};
    private static final int[][] PRUNED_LINKS = {{0, 4}, {1, 3}, {2, 3}};

    private AppIcon() {
    }

    /** The icon as an ARGB image of {@code size} pixels a side. */
    static BufferedImage render(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(size / UNITS, size / UNITS);
            paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The window icons, small to large, for the stage. */
    public static List<Image> stageImages() {
        return List.of(16, 32, 48, 64, 128, 256).stream()
                .map(size -> (Image) SwingFXUtils.toFXImage(render(size), null)).toList();
    }

    /** Draws the icon in the 512-unit square of {@code g}'s current coordinates. */
    static void paint(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setPaint(new GradientPaint(0, 0, TISSUE_LIGHT, (float) UNITS, (float) UNITS, TISSUE_DARK));
        g.fill(new RoundRectangle2D.Double(16, 16, 480, 480, 112, 112));
        g.setColor(PRUNED);
        g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10, new float[] {18, 20}, 0));
        for (int[] link : PRUNED_LINKS) {
            g.draw(line(link));
        }
        g.setColor(LINK);
        g.setStroke(new BasicStroke(18, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int[] link : KEPT) {
            g.draw(line(link));
        }
        for (int i = 0; i < NEURONS.length; i++) {
            paintNucleus(g, NEURONS[i][0], NEURONS[i][1], RADII[i][0], RADII[i][1], 0.35 * (i % 3 - 1));
        }
    }

    /** A slightly tilted ellipse with a dark rim and a pale nucleolus, as hematoxylin stains a nucleus. */
    private static void paintNucleus(Graphics2D g, double x, double y, double rx, double ry, double tilt) {
        AffineTransform saved = g.getTransform();
        g.rotate(tilt, x, y);
        Ellipse2D shape = new Ellipse2D.Double(x - rx, y - ry, 2 * rx, 2 * ry);
        g.setColor(NUCLEUS);
        g.fill(shape);
        g.setColor(NUCLEUS_RIM);
        g.setStroke(new BasicStroke(9));
        g.draw(shape);
        g.setColor(new Color(255, 255, 255, 90));
        g.fill(new Ellipse2D.Double(x - rx * 0.15 + rx * 0.2, y - ry * 0.35, rx * 0.32, ry * 0.3));
        g.setTransform(saved);
    }

    private static Line2D line(int[] link) {
        return new Line2D.Double(NEURONS[link[0]][0], NEURONS[link[0]][1], NEURONS[link[1]][0], NEURONS[link[1]][1]);
    }
}
