package org.histoprune.app.viewer;

import java.awt.Rectangle;
import java.util.Locale;
import org.histoprune.app.jobs.JobRunner;
import org.histoprune.app.jobs.StatusBar;
import org.histoprune.app.session.Session;
import org.histoprune.nn.TilingOptions;
import org.histoprune.render.SlideImage;

/**
 * Segments what the viewer shows (at most a {@link SegmentTask#MAX_SIDE} square) with the session's model as a
 * background job; the nuclei become the session's prediction layer.
 */
public final class ViewSegmenter {
    private final Session session;
    private final SlideViewer viewer;
    private final JobRunner jobs;
    private final StatusBar status;

    public ViewSegmenter(Session session, SlideViewer viewer, JobRunner jobs, StatusBar status) {
        this.session = session;
        this.viewer = viewer;
        this.jobs = jobs;
        this.status = status;
    }

    /** The level-0 region a segmentation of the view covers; empty without a slide or outside it. */
    public Rectangle region() {
        SlideImage slide = session.currentSlide();
        return slide == null ? new Rectangle() : SegmentTask.regionFor(viewer.view(), slide.width(), slide.height());
    }

    /** Starts the segmentation unless there is no slide or model or a job runs. */
    public void segmentView() {
        SlideImage slide = session.currentSlide();
        if (slide == null || session.currentModel() == null || jobs.busy()) {
            return;
        }
        Rectangle region = region();
        if (region.isEmpty()) {
            status.showMessage("Nothing to segment: the view is outside the slide");
            return;
        }
        SegmentTask task = new SegmentTask(session.currentModel(), slide.reader(), region,
                TilingOptions.forNetwork(session.currentModel().config()));
        task.setOnSucceeded(event -> {
            session.addLayer(task.getValue());
            status.showMessage(String.format(Locale.ROOT, "Segmented %,d nuclei in %,d \u00d7 %,d px",
                    task.getValue().count(), region.width, region.height));
        });
        jobs.start(task);
    }
}
