package org.histoprune.nn;

/** The two networks of a nuclei model. */
public enum Branch {
    /** Foreground probability: sigmoid output, BCE + soft Dice loss. */
    SEGMENTATION("segmentation"),
    /** Per-nucleus normalised distance to the border: linear output, MSE loss. */
    REGRESSION("regression");

    private final String key;

    Branch(String key) {
        this.key = key;
    }

    /** Name used in model files and reports. */
    public String key() {
        return key;
    }
}
