package org.histoprune.render;

import java.awt.Graphics2D;

/** Something drawn over the slide. {@code g} is already in level-0 image coordinates (as QuPath's PathOverlay). */
@FunctionalInterface
public interface Overlay {
    void paint(Graphics2D g, ViewTransform view);
}
