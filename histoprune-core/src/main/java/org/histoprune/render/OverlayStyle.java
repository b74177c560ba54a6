package org.histoprune.render;

/** How instance layers are drawn: opacity 0..1, outlines or filled shapes, one colour per nucleus or per layer. */
public record OverlayStyle(double opacity, boolean fill, boolean colourPerInstance) {
    public OverlayStyle {
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be within 0..1, got " + opacity);
        }
    }

    public static OverlayStyle defaults() {
        return new OverlayStyle(0.85, false, true);
    }

    public OverlayStyle withOpacity(double newOpacity) {
        return new OverlayStyle(newOpacity, fill, colourPerInstance);
    }

    public OverlayStyle withFill(boolean newFill) {
        return new OverlayStyle(opacity, newFill, colourPerInstance);
    }

    public OverlayStyle withColourPerInstance(boolean perInstance) {
        return new OverlayStyle(opacity, fill, perInstance);
    }
}
