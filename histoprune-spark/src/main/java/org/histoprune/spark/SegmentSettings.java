package org.histoprune.spark;

import java.io.Serializable;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.SlideSegmenter;
import org.histoprune.nn.TilingOptions;
import org.histoprune.segment.InstanceParameters;

/** What every task of a cohort segmentation needs besides its slide and block, sent with the tasks. */
record SegmentSettings(String modelFile, int level, int block, int margin, int tile, int overlap, int tileBatch,
        int forwardWorkers, double threshold, int minSize, double sigmaPerRadius, double fixedSigma, double minHeight,
        double minDistance) implements Serializable {

    static SegmentSettings of(String modelFile, int level, SlideSegmenter.Blocks blocks, TilingOptions tiling,
            InstanceParameters p) {
        return new SegmentSettings(modelFile, level, blocks.block(), blocks.margin(), tiling.tile(), tiling.overlap(),
                tiling.batch(), tiling.workers(), p.foregroundThreshold(), p.minObjectSize(), p.sigmaPerRadius(),
                p.fixedSigma(), p.minHeight(), p.minDistance());
    }

    /** The segmenter with these settings over the executor's copy of the model. */
    SlideSegmenter segmenter(NucleiModel model) {
        return new SlideSegmenter(model, new InstanceParameters(threshold, minSize, sigmaPerRadius, fixedSigma,
                minHeight, minDistance), new SlideSegmenter.Blocks(block, margin),
                new TilingOptions(tile, overlap, tileBatch, forwardWorkers));
    }
}
