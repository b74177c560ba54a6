package org.histoprune.app.viewer;

import java.awt.Rectangle;
import javafx.concurrent.Task;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.histoprune.io.SlideReader;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.Prediction;
import org.histoprune.nn.TilingOptions;
import org.histoprune.render.InstanceLayer;
import org.histoprune.render.ViewTransform;
import org.histoprune.segment.InstanceParameters;
import org.histoprune.segment.InstancePipeline;

/**
 * Segments nuclei in a level-0 region: the model predicts the two maps in horizontal bands (with a margin
 * above and below that is predicted but dropped, so bands join without seams), which gives progress and a
 * point to stop between bands; then the instance pipeline turns the whole maps into nuclei.
 */
public final class SegmentTask extends Task<InstanceLayer> {
    public static final int MAX_SIDE = 2048;
    private static final int BAND = 512;
    private static final int MARGIN = 64;
    public static final int PREDICTION_RGB = 0xFFC400;
    public static final String PREDICTION_NAME = "Prediction";

    private final NucleiModel model;
    private final SlideReader slide;
    private final Rectangle region;
    private final TilingOptions tiling;

    public SegmentTask(NucleiModel model, SlideReader slide, Rectangle region, TilingOptions tiling) {
        this.model = model;
        this.slide = slide;
        this.region = new Rectangle(region);
        this.tiling = tiling;
        updateTitle("Segment");
    }

    /** The part of the view to segment: the visible slide, or a centred {@link #MAX_SIDE} square of it. */
    public static Rectangle regionFor(ViewTransform view, int slideWidth, int slideHeight) {
        int width = (int) Math.min(MAX_SIDE, Math.ceil(view.width() * view.downsample()));
        int height = (int) Math.min(MAX_SIDE, Math.ceil(view.height() * view.downsample()));
        int x = (int) Math.round(view.centreX() - width / 2.0);
        int y = (int) Math.round(view.centreY() - height / 2.0);
        Rectangle visible = new Rectangle(x, y, width, height).intersection(new Rectangle(slideWidth, slideHeight));
        return visible.isEmpty() ? new Rectangle() : visible;
    }

    @Override
    protected InstanceLayer call() {
        int bands = (region.height + BAND - 1) / BAND;
        FloatMap foreground = new FloatMap(region.width, region.height, new float[region.width * region.height]);
        FloatMap distance = new FloatMap(region.width, region.height, new float[region.width * region.height]);
        for (int band = 0; band < bands; band++) {
            if (isCancelled()) {
                return null;
            }
            updateMessage("predicting band " + (band + 1) + " of " + bands);
            int top = band * BAND;
            int rows = Math.min(BAND, region.height - top);
            int readTop = Math.max(0, top - MARGIN);
            int readBottom = Math.min(region.height, top + rows + MARGIN);
            Prediction prediction = model.predict(slide, region.x, region.y + readTop, region.width,
                    readBottom - readTop, tiling);
            copyRows(prediction.foreground(), top - readTop, foreground, top, rows);
            copyRows(prediction.distance(), top - readTop, distance, top, rows);
            updateProgress(band + 1, bands + 1.0);
        }
        if (isCancelled()) {
            return null;
        }
        updateMessage("finding nuclei");
        LabelImage labels = new InstancePipeline(InstanceParameters.defaults()).run(foreground, distance);
        updateProgress(1, 1);
        return new InstanceLayer(PREDICTION_NAME, region.x, region.y, labels, PREDICTION_RGB);
    }

    private static void copyRows(FloatMap source, int sourceRow, FloatMap target, int targetRow, int rows) {
        System.arraycopy(source.values(), sourceRow * source.width(), target.values(), targetRow * target.width(),
                rows * target.width());
    }
}
