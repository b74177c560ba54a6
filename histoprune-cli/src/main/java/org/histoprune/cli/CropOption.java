package org.histoprune.cli;

import picocli.CommandLine.Option;

/** {@code --crop}: the side of the square crops that training, retraining and held-out losses take from images. */
final class CropOption {
    @Option(names = "--crop", defaultValue = "256", paramLabel = "PX",
            description = "Side of the square crops taken from the images (default: ${DEFAULT-VALUE}).")
    private int side;

    int side() {
        return side;
    }
}
