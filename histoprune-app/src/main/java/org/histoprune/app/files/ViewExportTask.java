package org.histoprune.app.files;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javafx.concurrent.Task;
import org.histoprune.image.RgbImage;
import org.histoprune.io.RasterFiles;
import org.histoprune.render.Images;
import org.histoprune.render.RenderState;
import org.histoprune.render.TileKey;
import org.histoprune.render.ViewRenderer;
import org.histoprune.render.ViewTransform;

/** Writes the current view, with its overlays and scale bar, to a PNG, first reading every tile it shows. */
public final class ViewExportTask extends Task<Path> {
    private final ViewTransform view;
    private final RenderState state;
    private final Path target;

    public ViewExportTask(ViewTransform view, RenderState state, Path target) {
        this.view = view;
        this.state = state;
        this.target = target;
        updateTitle("Export view");
    }

    @Override
    protected Path call() throws Exception {
        List<TileKey> keys = state.slide() == null ? List.of() : List.copyOf(state.slide().painter().levelTiles(view));
        int steps = keys.size() + 1;
        for (int i = 0; i < keys.size(); i++) {
            if (isCancelled()) {
                return null;
            }
            updateMessage("reading tile " + (i + 1) + " of " + keys.size());
            state.slide().tiles().readNow(keys.get(i));
            updateProgress(i + 1, steps);
        }
        if (isCancelled()) {
            return null;
        }
        updateMessage("writing " + target.getFileName());
        BufferedImage frame = new ViewRenderer().render(view, state);
        int[] rgb = Images.pixels(frame).clone();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xFFFFFF;
        }
        if (isCancelled()) {
            return null;
        }
        RasterFiles.writeRgbPng(new RgbImage(frame.getWidth(), frame.getHeight(), rgb), target);
        updateProgress(steps, steps);
        return target;
    }
}
