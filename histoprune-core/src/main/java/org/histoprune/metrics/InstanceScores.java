package org.histoprune.metrics;

/**
 * Instance-segmentation scores of one predicted label image against its ground truth, each in [0, 1]:
 * binary Dice of the foregrounds, AJI (Kumar et al. 2017), AJI+ (one-to-one AJI), and panoptic quality
 * with its detection and segmentation parts (PQ = DQ * SQ).
 */
public record InstanceScores(double dice, double aji, double ajiPlus, double pq, double dq, double sq) {
    static final InstanceScores PERFECT = new InstanceScores(1, 1, 1, 1, 1, 1);
    static final InstanceScores NONE = new InstanceScores(0, 0, 0, 0, 0, 0);
}
