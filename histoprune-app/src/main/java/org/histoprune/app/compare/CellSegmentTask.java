package org.histoprune.app.compare;

import java.awt.Rectangle;
import java.nio.file.Path;
import javafx.concurrent.Task;
import org.histoprune.app.viewer.SegmentTask;
import org.histoprune.io.SlideReader;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.TilingOptions;
import org.histoprune.render.InstanceLayer;

/**
 * Segments a region with a sweep cell's model: loads the model file, runs a {@link SegmentTask} on this
 * thread (its progress and cancellation passed through) and closes the model again.
 */
final class CellSegmentTask extends Task<InstanceLayer> {
    private final Path modelFile;
    private final SlideReader slide;
    private final Rectangle region;
    private final String layerName;
    private volatile SegmentTask segment;

    CellSegmentTask(Path modelFile, SlideReader slide, Rectangle region, String layerName) {
        this.modelFile = modelFile;
        this.slide = slide;
        this.region = new Rectangle(region);
        this.layerName = layerName;
        updateTitle("Segment " + layerName);
    }

    @Override
    protected InstanceLayer call() throws Exception {
        updateMessage("loading " + modelFile.getFileName());
        try (NucleiModel model = NucleiModel.load(modelFile)) {
            segment = new SegmentTask(model, slide, region, TilingOptions.forNetwork(model.config()));
            segment.messageProperty().addListener((property, old, message) -> updateMessage(message));
            segment.workDoneProperty().addListener((property, old, done) ->
                    updateProgress(segment.getWorkDone(), segment.getTotalWork()));
            if (isCancelled()) {
                return null;
            }
            segment.run();
            InstanceLayer layer = segment.get();
            return new InstanceLayer(layerName, layer.originX(), layer.originY(), layer.labels(), layer.rgb());
        }
    }

    @Override
    protected void cancelled() {
        SegmentTask running = segment;
        if (running != null) {
            running.cancel();
        }
    }
}
