package org.histoprune.nn;

/** How weights are stored in a model file (in memory they are always float32). */
public enum Precision {
    FLOAT32("float32"), FLOAT16("float16");

    private final String key;

    Precision(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
