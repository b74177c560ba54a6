package org.histoprune.segment;

import org.histoprune.image.ConnectedComponents;
import org.histoprune.image.Connectivity;
import org.histoprune.image.FloatMap;
import org.histoprune.image.GaussianFilter;
import org.histoprune.image.LabelCleanup;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RegionalMaxima;
import org.histoprune.image.Watershed;

/**
 * The merge step of Mahbod et al. (2022): a foreground probability map and a nucleus distance map to
 * nucleus instances. Threshold the foreground; estimate the mean nucleus size from its connected
 * components; smooth the distance map with a Gaussian whose sigma follows that size; take its significant
 * maxima as seeds; watershed the inverted smoothed map inside the foreground; drop small objects; fill holes.
 */
public final class InstancePipeline {
    private final InstanceParameters parameters;

    public InstancePipeline(InstanceParameters parameters) {
        this.parameters = parameters;
    }

    public InstanceParameters parameters() {
        return parameters;
    }

    /** Instances numbered 1..N in raster order of their first pixel. */
    public LabelImage run(FloatMap foreground, FloatMap distance) {
        int width = foreground.width();
        int height = foreground.height();
        if (distance.width() != width || distance.height() != height) {
            throw new IllegalArgumentException("foreground is " + width + "x" + height + ", distance is "
                    + distance.width() + "x" + distance.height());
        }
        boolean[] mask = threshold(foreground);
        // 4-connected, as the watershed, so that each component's seeds reach all of it.
        LabelImage components = ConnectedComponents.label(mask, width, height, Connectivity.FOUR);
        double meanArea = meanArea(components);
        if (Double.isNaN(meanArea)) {
            return new LabelImage(width, height);
        }
        FloatMap smoothed = GaussianFilter.smooth(distance, parameters.sigmaFor(meanArea));
        LabelImage seeds = RegionalMaxima.seeds(smoothed, components, parameters.minHeight(),
                parameters.minDistance());
        LabelImage basins = Watershed.flood(negated(smoothed), seeds, components, Connectivity.FOUR);
        LabelImage kept = LabelCleanup.removeSmallerThan(basins, parameters.minObjectSize());
        return LabelCleanup.relabel(LabelCleanup.fillHoles(kept));
    }

    private boolean[] threshold(FloatMap foreground) {
        float[] values = foreground.values();
        float threshold = (float) parameters.foregroundThreshold();
        boolean[] mask = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            mask[i] = values[i] > threshold;
        }
        return mask;
    }

    /**
     * Mean area of the foreground components that are not specks (>= the min object size); of all components
     * when every one is a speck; NaN when there is no foreground.
     */
    private double meanArea(LabelImage components) {
        int[] area = new int[components.maxLabel() + 1];
        for (int id : components.labels()) {
            area[id]++;
        }
        long keptArea = 0;
        int kept = 0;
        long allArea = 0;
        for (int id = 1; id < area.length; id++) {
            allArea += area[id];
            if (area[id] >= parameters.minObjectSize()) {
                keptArea += area[id];
                kept++;
            }
        }
        if (kept > 0) {
            return (double) keptArea / kept;
        }
        return area.length > 1 ? (double) allArea / (area.length - 1) : Double.NaN;
    }

    private static FloatMap negated(FloatMap map) {
        float[] values = map.values();
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = -values[i];
        }
        return new FloatMap(map.width(), map.height(), out);
    }
}
