package org.histoprune.app.pruning;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.histoprune.nn.NucleiModel;
import org.histoprune.render.InstanceLayer;

/**
 * The last few sweep-cell models loaded for the CR slider, each with its segmentations of recently seen views,
 * so going back to a CR is instant. The cache owns these models: it closes one it drops (through the closer it
 * is given, which waits for running jobs) unless it is the current model, which the workbench then closes when it
 * is replaced (see {@link #holds}). FX thread only.
 */
public final class CellModels {
    private static final int MODELS = 3;
    private static final int VIEWS_PER_MODEL = 4;

    /** A segmented view: the slide it belongs to and the level-0 region. */
    private record View(Object slide, Rectangle region) {
    }

    private record Entry(NucleiModel model, Map<View, InstanceLayer> views) {
    }

    private final LinkedHashMap<Path, Entry> entries = new LinkedHashMap<>(8, 0.75f, true);
    private final Consumer<NucleiModel> closer;

    /** {@code closer} frees a dropped model once nothing uses it. */
    public CellModels(Consumer<NucleiModel> closer) {
        this.closer = closer;
    }

    Optional<NucleiModel> model(Path file) {
        return Optional.ofNullable(entries.get(key(file))).map(Entry::model);
    }

    /** Adds a loaded model; the least recently used one beyond capacity is dropped (closed unless {@code current}). */
    void put(Path file, NucleiModel model, NucleiModel current) {
        entries.put(key(file), new Entry(model, new LinkedHashMap<>(8, 0.75f, true)));
        Iterator<Entry> oldest = entries.values().iterator();
        while (entries.size() > MODELS) {
            Entry dropped = oldest.next();
            oldest.remove();
            if (dropped.model() != current) {
                closer.accept(dropped.model());
            }
        }
    }

    /** Whether the model belongs to this cache (the workbench must not close it when it stops being current). */
    public boolean holds(NucleiModel model) {
        return entries.values().stream().anyMatch(entry -> entry.model() == model);
    }

    /** The segmentation of {@code region} of {@code slide} made with this model, if one was kept. */
    Optional<InstanceLayer> segmentation(NucleiModel model, Object slide, Rectangle region) {
        return entryOf(model).map(entry -> entry.views().get(new View(slide, new Rectangle(region))));
    }

    /** Keeps a segmentation made with a cached model (ignored for other models). */
    void keepSegmentation(NucleiModel model, Object slide, InstanceLayer layer) {
        entryOf(model).ifPresent(entry -> {
            Rectangle region = new Rectangle(layer.originX(), layer.originY(), layer.labels().width(),
                    layer.labels().height());
            entry.views().put(new View(slide, region), layer);
            Iterator<View> oldest = entry.views().keySet().iterator();
            while (entry.views().size() > VIEWS_PER_MODEL) {
                oldest.next();
                oldest.remove();
            }
        });
    }

    /** Closes every model but {@code current}. */
    public void clear(NucleiModel current) {
        List<Entry> all = new ArrayList<>(entries.values());
        entries.clear();
        all.stream().filter(entry -> entry.model() != current).forEach(entry -> closer.accept(entry.model()));
    }

    private Optional<Entry> entryOf(NucleiModel model) {
        return entries.values().stream().filter(entry -> entry.model() == model).findFirst();
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
