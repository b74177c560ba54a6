package org.histoprune.app.session;

import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.histoprune.nn.NucleiModel;
import org.histoprune.render.InstanceLayer;
import org.histoprune.render.SlideImage;

/**
 * What the workbench shows and works on: the slide, the current model and where it came from, the nucleus
 * layers and the compression choice (with the sweep results folder). Views and controllers read and change it
 * instead of asking the window; the window listens. Changes happen on the FX thread.
 */
public final class Session {
    private final ObjectProperty<SlideImage> slide = new SimpleObjectProperty<>(this, "slide");
    private final ReadOnlyObjectWrapper<NucleiModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper modelSource = new ReadOnlyStringWrapper(this, "modelSource", "");
    private final ObservableList<LayerItem> layers = FXCollections.observableArrayList(
            item -> new Observable[] {item.visible()});
    private final CompressionChoice compression = new CompressionChoice();

    /** The slide shown, or null before the first one opens. */
    public ObjectProperty<SlideImage> slide() {
        return slide;
    }

    public SlideImage currentSlide() {
        return slide.get();
    }

    /** The current model (null: none); see {@link #setModel}. */
    public ReadOnlyObjectProperty<NucleiModel> model() {
        return model.getReadOnlyProperty();
    }

    public NucleiModel currentModel() {
        return model.get();
    }

    /** Where the current model came from, for people: "Bundled model", a file name, a sweep cell. */
    public ReadOnlyStringProperty modelSource() {
        return modelSource.getReadOnlyProperty();
    }

    /**
     * Makes a model current. The source changes first, so that a listener of the model sees the new source.
     * Whoever owns models closes the previous one (the workbench, unless the sweep cell cache keeps it).
     */
    public void setModel(NucleiModel newModel, String source) {
        modelSource.set(source);
        model.set(newModel);
    }

    /** The nucleus layers, bottom first; a change of a layer's visibility is a change of the list. */
    public ObservableList<LayerItem> layers() {
        return layers;
    }

    /** Adds a layer on top, replacing one of the same name. */
    public void addLayer(InstanceLayer layer) {
        layers.removeIf(item -> item.layer().name().equals(layer.name()));
        layers.add(new LayerItem(layer));
    }

    /** Strategy, CR and the sweep results folder the CR slider shows cells of. */
    public CompressionChoice compression() {
        return compression;
    }
}
