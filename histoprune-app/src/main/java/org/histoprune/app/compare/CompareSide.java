package org.histoprune.app.compare;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.histoprune.app.session.CompressionChoice;
import org.histoprune.app.viewer.SlideViewer;
import org.histoprune.render.InstanceLayer;

/** One half of the compare view: which sweep cell (line and CR) it shows, and a viewer with that cell's nuclei. */
public final class CompareSide extends VBox {
    private final SlideViewer viewer = new SlideViewer();
    private final StackPane viewerStack = new StackPane(viewer);
    private final HBox bar;
    private final ChoiceBox<String> line = new ChoiceBox<>();
    private final ChoiceBox<Integer> log2Cr = new ChoiceBox<>();
    private final Label info = new Label();
    private final ObjectProperty<InstanceLayer> layer = new SimpleObjectProperty<>(this, "layer");

    CompareSide(String id) {
        setId(id);
        getStyleClass().add("compare-side");
        line.setId(id + "-line");
        log2Cr.setId(id + "-cr");
        info.setId(id + "-info");
        info.getStyleClass().add("hint");
        for (int value = 0; value <= CompressionChoice.MAX_LOG2_CR; value++) {
            log2Cr.getItems().add(value);
        }
        log2Cr.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : (1 << value) + "\u00d7";
            }

            @Override
            public Integer fromString(String text) {
                return Integer.numberOfTrailingZeros(Integer.parseInt(text.replace("\u00d7", "")));
            }
        });
        log2Cr.setValue(0);
        bar = new HBox(8, line, log2Cr, info);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("compare-bar");
        VBox.setVgrow(viewerStack, Priority.ALWAYS);
        reattach();
    }

    /** The choices and the count; the swipe view shows both sides' bars above one viewer. */
    HBox bar() {
        return bar;
    }

    /** The viewer in a stack, so a divider can lie over it. */
    StackPane viewerStack() {
        return viewerStack;
    }

    /** Takes back the bar and viewer after the swipe view borrowed them. */
    void reattach() {
        getChildren().setAll(bar, viewerStack);
    }

    public SlideViewer viewer() {
        return viewer;
    }

    public ChoiceBox<String> line() {
        return line;
    }

    ChoiceBox<Integer> log2Cr() {
        return log2Cr;
    }

    /** The nuclei found by this side's cell model, or null. */
    public ObjectProperty<InstanceLayer> layer() {
        return layer;
    }

    int compressionRatio() {
        return 1 << log2Cr.getValue();
    }

    /** The name of the cell shown, e.g. {@code 64x global}. */
    String cellName() {
        return compressionRatio() == 1 ? "1\u00d7 dense" : compressionRatio() + "\u00d7 " + line.getValue();
    }

    void setLines(List<String> names) {
        String kept = line.getValue();
        line.getItems().setAll(names);
        line.setValue(kept != null && names.contains(kept) ? kept : names.isEmpty() ? null : names.get(0));
    }

    void select(String lineName, int log2) {
        if (line.getItems().contains(lineName)) {
            line.setValue(lineName);
        }
        log2Cr.setValue(log2);
    }

    void showInfo(String text) {
        info.setText(text);
    }

    void showCount(InstanceLayer shown) {
        info.setText(String.format(Locale.ROOT, "%s \u00b7 %,d nuclei", cellName(), shown.count()));
    }
}
