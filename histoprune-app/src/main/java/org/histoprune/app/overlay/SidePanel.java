package org.histoprune.app.overlay;

import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.controlsfx.control.SegmentedButton;
import org.histoprune.app.session.LayerItem;
import org.histoprune.io.SlideReader;
import org.histoprune.render.InstanceLayer;
import org.histoprune.render.OverlayStyle;
import org.histoprune.render.SlideImage;

/** The right-hand panel: facts about the image, the layers with their switches, and the overlay style. */
public final class SidePanel extends ScrollPane {
    private final GridPane imageFacts = new GridPane();
    private final VBox layerRows = new VBox(6);
    private final VBox sections = new VBox();

    public SidePanel(ObservableList<LayerItem> layers, ObjectProperty<OverlayStyle> style) {
        getStyleClass().add("side-panel");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setPrefWidth(300);
        setMinWidth(260);
        imageFacts.getStyleClass().add("facts");
        imageFacts.setHgap(12);
        imageFacts.setVgap(4);
        layers.addListener((ListChangeListener<LayerItem>) change -> rebuildLayers(layers));
        rebuildLayers(layers);
        sections.getChildren().addAll(section("Image", imageFacts), section("Layers", layerRows),
                section("Display", displayControls(style)));
        setContent(sections);
        showSlide(null);
    }

    /** Adds a section below the others (the model controls, when a model is there). */
    public void addSection(String title, Node content) {
        sections.getChildren().add(section(title, content));
    }

    public void showSlide(SlideImage slide) {
        imageFacts.getChildren().clear();
        if (slide == null) {
            fact(0, "Image", "none open");
            return;
        }
        SlideReader reader = slide.reader();
        fact(0, "Name", slide.name());
        fact(1, "Size", String.format(Locale.ROOT, "%,d \u00d7 %,d px", slide.width(), slide.height()));
        fact(2, "Pixel size", slide.micronsPerPixel().isPresent()
                ? String.format(Locale.ROOT, "%.4f \u00b5m", slide.micronsPerPixel().getAsDouble()) : "unknown");
        StringBuilder levels = new StringBuilder();
        for (SlideReader.Level level : reader.levels()) {
            levels.append(levels.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f\u00d7",
                    level.downsample()));
        }
        fact(3, "Pyramid", reader.levels().size() + " levels (" + levels + ")");
    }

    private void fact(int row, String name, String value) {
        Label key = new Label(name);
        key.getStyleClass().add("fact-name");
        key.setMinWidth(Region.USE_PREF_SIZE);
        Label text = new Label(value);
        text.getStyleClass().add("fact-value");
        text.setWrapText(true);
        imageFacts.addRow(row, key, text);
    }

    private void rebuildLayers(ObservableList<LayerItem> layers) {
        layerRows.getChildren().clear();
        if (layers.isEmpty()) {
            Label none = new Label("No nuclei yet: segment the slide or open labels.");
            none.getStyleClass().add("hint");
            none.setWrapText(true);
            layerRows.getChildren().add(none);
        }
        for (LayerItem item : layers) {
            InstanceLayer layer = item.layer();
            CheckBox toggle = new CheckBox(layer.name());
            toggle.setId("layer-" + layer.name().toLowerCase(Locale.ROOT).replace(' ', '-'));
            toggle.selectedProperty().bindBidirectional(item.visible());
            Rectangle swatch = new Rectangle(12, 12, Color.rgb((layer.rgb() >> 16) & 0xFF, (layer.rgb() >> 8) & 0xFF,
                    layer.rgb() & 0xFF));
            swatch.setArcWidth(4);
            swatch.setArcHeight(4);
            Label count = new Label(String.format(Locale.ROOT, "%,d", layer.count()));
            count.getStyleClass().add("layer-count");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(8, swatch, toggle, spacer, count);
            row.setAlignment(Pos.CENTER_LEFT);
            layerRows.getChildren().add(row);
        }
    }

    private static Node displayControls(ObjectProperty<OverlayStyle> style) {
        Slider opacity = new Slider(0, 100, style.get().opacity() * 100);
        opacity.setId("opacity-slider");
        Label opacityValue = new Label();
        opacityValue.setMinWidth(40);
        opacityValue.setAlignment(Pos.CENTER_RIGHT);
        opacityValue.textProperty().bind(opacity.valueProperty().asString("%.0f %%"));
        opacity.valueProperty().addListener((property, old, value) ->
                style.set(style.get().withOpacity(value.doubleValue() / 100)));
        HBox.setHgrow(opacity, Priority.ALWAYS);
        HBox opacityRow = new HBox(8, new Label("Opacity"), opacity, opacityValue);
        opacityRow.setAlignment(Pos.CENTER_LEFT);

        ToggleButton outline = toggle("Outline", "style-outline", !style.get().fill());
        ToggleButton fill = toggle("Fill", "style-fill", style.get().fill());
        fill.selectedProperty().addListener((property, old, on) -> style.set(style.get().withFill(on)));
        ToggleButton perNucleus = toggle("Per nucleus", "colour-per-nucleus", style.get().colourPerInstance());
        ToggleButton perLayer = toggle("Per layer", "colour-per-layer", !style.get().colourPerInstance());
        perNucleus.selectedProperty().addListener((property, old, on) ->
                style.set(style.get().withColourPerInstance(on)));
        VBox box = new VBox(10, opacityRow, labelled("Shape", segmented(outline, fill)),
                labelled("Colour", segmented(perNucleus, perLayer)));
        box.setPadding(new Insets(2, 0, 2, 0));
        return box;
    }

    private static ToggleButton toggle(String text, String id, boolean selected) {
        ToggleButton button = new ToggleButton(text);
        button.setId(id);
        button.setSelected(selected);
        return button;
    }

    /** Two toggles of which exactly one is on. */
    private static SegmentedButton segmented(ToggleButton first, ToggleButton second) {
        SegmentedButton buttons = new SegmentedButton(first, second);
        buttons.getToggleGroup().selectedToggleProperty().addListener((property, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            }
        });
        return buttons;
    }

    private static Node labelled(String name, Node control) {
        Label label = new Label(name);
        label.setMinWidth(56);
        HBox row = new HBox(8, label, control);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static TitledPane section(String title, Node content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setCollapsible(true);
        pane.setAnimated(false);
        return pane;
    }
}
