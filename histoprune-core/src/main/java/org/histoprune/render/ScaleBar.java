package org.histoprune.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.util.Locale;

/** A scale bar of a round length in microns, drawn in screen coordinates at the bottom left of the view. */
final class ScaleBar {
    private static final double TARGET_PIXELS = 120;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);

    private ScaleBar() {
    }

    /** The largest 1, 2 or 5 times a power of ten not above {@code value}. */
    static double roundLength(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        double mantissa = value / power;
        return (mantissa >= 5 ? 5 : mantissa >= 2 ? 2 : 1) * power;
    }

    static String label(double microns) {
        if (microns >= 1000) {
            return format(microns / 1000) + " mm";
        }
        return format(microns) + " \u00b5m";
    }

    static void paint(Graphics2D g, ViewTransform view, double micronsPerPixel) {
        double micronsPerScreenPixel = view.downsample() * micronsPerPixel;
        double microns = roundLength(TARGET_PIXELS * micronsPerScreenPixel);
        int length = (int) Math.round(microns / micronsPerScreenPixel);
        String text = label(microns);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(FONT);
        int textWidth = g.getFontMetrics().stringWidth(text);
        int x = 16;
        int y = view.height() - 18;
        g.setColor(new Color(0, 0, 0, 150));
        g.fill(new RoundRectangle2D.Double(x - 8, y - 28, Math.max(length, textWidth) + 16, 38, 8, 8));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(3));
        g.drawLine(x, y, x + length, y);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(x, y - 5, x, y + 3);
        g.drawLine(x + length, y - 5, x + length, y + 3);
        g.drawString(text, x, y - 10);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
