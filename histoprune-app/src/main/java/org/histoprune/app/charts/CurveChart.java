package org.histoprune.app.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.OptionalDouble;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.util.StringConverter;
import org.histoprune.app.session.CompressionChoice;

/**
 * Values against compression ratio on a log2 axis (1x to 512x), one line per strategy, with the current CR
 * marked by a vertical rule and the current strategy's point there by a ring. A line whose points repeat over
 * seeds gets a shaded band from the smallest to the largest value.
 */
public final class CurveChart extends LineChart<Number, Number> {
    private final Line rule = new Line();
    private final Circle ring = new Circle(7);
    private final IntegerProperty markedLog2Cr = new SimpleIntegerProperty(this, "markedLog2Cr");
    private final StringProperty markedLine = new SimpleStringProperty(this, "markedLine", "");
    private final List<Band> bands = new ArrayList<>();

    /** The min..max range of one line over its seeds, and the polygon that shades it. */
    private record Band(TreeMap<Double, org.histoprune.experiment.Series.Point> points, Polygon shape) {
    }

    CurveChart(String valueLabel) {
        super(crAxis(), new NumberAxis());
        NumberAxis values = (NumberAxis) getYAxis();
        values.setLabel(valueLabel);
        values.setForceZeroInRange(false);
        setAnimated(false);
        setCreateSymbols(true);
        getStyleClass().add("curve-chart");
        rule.getStyleClass().add("cr-marker");
        ring.getStyleClass().add("cr-marker-ring");
        rule.setMouseTransparent(true);
        ring.setMouseTransparent(true);
        getPlotChildren().addAll(rule, ring);
        markedLog2Cr.addListener(observable -> requestChartLayout());
        markedLine.addListener(observable -> emphasise());
    }

    IntegerProperty markedLog2Cr() {
        return markedLog2Cr;
    }

    StringProperty markedLine() {
        return markedLine;
    }

    /** Replaces the lines; x is plotted as log2 of the CR. */
    void show(List<org.histoprune.experiment.Series> lines) {
        getData().clear();
        bands.forEach(band -> getPlotChildren().remove(band.shape()));
        bands.clear();
        for (org.histoprune.experiment.Series line : lines) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(line.name());
            line.points().forEach((cr, point) -> series.getData().add(new XYChart.Data<>(log2(cr), point.mean())));
            getData().add(series);
            if (line.points().values().stream().anyMatch(point -> point.n() > 1)) {
                Polygon shape = new Polygon();
                shape.getStyleClass().add("seed-band");
                int colour = (getData().size() - 1) % 8 + 1;
                shape.setStyle("-fx-fill: CHART_COLOR_" + colour + "; -fx-opacity: 0.2;");
                shape.setMouseTransparent(true);
                getPlotChildren().add(0, shape);
                bands.add(new Band(line.points(), shape));
            }
        }
        emphasise();
        requestChartLayout();
    }

    /** The marked line's value at the marked CR, if it has one. */
    public OptionalDouble markedValue() {
        return getData().stream().filter(series -> series.getName().equals(markedLine.get()))
                .flatMap(series -> series.getData().stream())
                .filter(data -> Math.abs(data.getXValue().doubleValue() - markedLog2Cr.get()) < 1e-9)
                .mapToDouble(data -> data.getYValue().doubleValue()).findFirst();
    }

    /** How many lines have a seed band (for tests). */
    public int bandCount() {
        return bands.size();
    }

    /** Screen x of the marker rule within the plot (for tests). */
    public double ruleX() {
        return rule.getStartX();
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        for (Band band : bands) {
            List<Double> outline = new ArrayList<>();
            band.points().forEach((cr, point) -> outline.addAll(List.of(getXAxis().getDisplayPosition(log2(cr)),
                    getYAxis().getDisplayPosition(point.max()))));
            band.points().descendingMap().forEach((cr, point) -> outline.addAll(List.of(
                    getXAxis().getDisplayPosition(log2(cr)), getYAxis().getDisplayPosition(point.min()))));
            band.shape().getPoints().setAll(outline);
        }
        double x = getXAxis().getDisplayPosition(markedLog2Cr.get());
        rule.setStartX(x);
        rule.setEndX(x);
        rule.setStartY(0);
        rule.setEndY(getYAxis().getHeight());
        OptionalDouble value = markedValue();
        ring.setVisible(value.isPresent());
        if (value.isPresent()) {
            ring.setCenterX(x);
            ring.setCenterY(getYAxis().getDisplayPosition(value.getAsDouble()));
        }
        rule.toFront();
        ring.toFront();
    }

    private void emphasise() {
        for (XYChart.Series<Number, Number> series : getData()) {
            if (series.getNode() != null) {
                series.getNode().setStyle(series.getName().equals(markedLine.get()) ? "-fx-stroke-width: 4px;" : "");
            }
        }
        requestChartLayout();
    }

    private static double log2(double cr) {
        return Math.log(cr) / Math.log(2);
    }

    private static NumberAxis crAxis() {
        NumberAxis axis = new NumberAxis("compression ratio", 0, CompressionChoice.MAX_LOG2_CR, 1);
        axis.setAutoRanging(false);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number log2) {
                return String.format(Locale.ROOT, "%d\u00d7", 1 << Math.round(log2.floatValue()));
            }

            @Override
            public Number fromString(String text) {
                return Math.log(Double.parseDouble(text.replace("\u00d7", ""))) / Math.log(2);
            }
        });
        return axis;
    }
}
