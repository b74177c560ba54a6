package org.histoprune.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.histoprune.io.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Line charts of {@link Series} on a log x axis (base 2 for CR) or a linear one, one line per series through the means,
 * with a shaded band from the smallest to the largest repeat (seeds) where a point has several, written as PNG
 * and SVG; several charts may share one figure in a grid (the seed paper's Figure 2/3 layout: Dice, MSE, AJI, PQ).
 */
final class Charts {
    static final int PANEL_WIDTH = 520;
    static final int PANEL_HEIGHT = 380;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private Charts() {
    }

    /** One panel: {@code series} against a log-{@code base} x axis. */
    static JFreeChart chart(String title, String xLabel, double base, String yLabel, List<Series> series) {
        return chart(title, xLabel, base, yLabel, series, false);
    }

    /**
     * One panel with a log-{@code base} x axis, and a log-10 y axis when {@code logarithmicY} (errors such as MSE,
     * where one collapsed cell would otherwise flatten every other line).
     */
    static JFreeChart chart(String title, String xLabel, double base, String yLabel, List<Series> series,
            boolean logarithmicY) {
        LogAxis x = new LogAxis(xLabel);
        x.setBase(base);
        if (base == 2) {
            x.setTickUnit(new NumberTickUnit(1));
            x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        }
        x.setSmallestValue(1e-4);
        return chart(title, x, yLabel, series, logarithmicY);
    }

    /** One panel with a linear x axis (fractions removed, seconds). */
    static JFreeChart linear(String title, String xLabel, String yLabel, List<Series> series) {
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        return chart(title, x, yLabel, series, false);
    }

    private static JFreeChart chart(String title, ValueAxis x, String yLabel, List<Series> series,
            boolean logarithmicY) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Series line : series) {
            YIntervalSeries points = new YIntervalSeries(line.name());
            line.points().forEach((at, p) -> points.add(at, p.mean(), p.min(), p.max()));
            data.addSeries(points);
        }
        ValueAxis y;
        if (logarithmicY) {
            LogAxis logY = new LogAxis(yLabel);
            logY.setSmallestValue(1e-6);
            logY.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
            y = logY;
        } else {
            NumberAxis linearY = new NumberAxis(yLabel);
            linearY.setAutoRangeIncludesZero(false);
            y = linearY;
        }
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.2f);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, COLOURS[s % COLOURS.length]);
            renderer.setSeriesFillPaint(s, COLOURS[s % COLOURS.length]);
            renderer.setSeriesStroke(s, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Writes {@code charts} in a grid of {@code columns} as {@code <stem>.png} and {@code <stem>.svg}. */
    static void write(List<JFreeChart> charts, int columns, Path folder, String stem) throws IOException {
        int rows = (charts.size() + columns - 1) / columns;
        int width = PANEL_WIDTH * Math.min(columns, charts.size());
        int height = PANEL_HEIGHT * rows;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D png = image.createGraphics();
        png.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        draw(charts, columns, png);
        png.dispose();
        AtomicFiles.write(folder.resolve(stem + ".png"), out -> ImageIO.write(image, "png", out));
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        draw(charts, columns, svg);
        String document = svg.getSVGDocument();
        AtomicFiles.write(folder.resolve(stem + ".svg"), out -> out.write(document.getBytes(StandardCharsets.UTF_8)));
    }

    private static void draw(List<JFreeChart> charts, int columns, Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, PANEL_WIDTH * columns, PANEL_HEIGHT * ((charts.size() + columns - 1) / columns));
        for (int i = 0; i < charts.size(); i++) {
            Rectangle area = new Rectangle(PANEL_WIDTH * (i % columns), PANEL_HEIGHT * (i / columns), PANEL_WIDTH,
                    PANEL_HEIGHT);
            charts.get(i).draw(g, area);
        }
    }
}
