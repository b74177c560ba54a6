package org.histoprune.render;

import java.util.List;

/** An immutable snapshot of what to draw, so a frame can also be rendered off the FX thread (exports). */
public record RenderState(SlideImage slide, List<Overlay> overlays) {
    public static final RenderState EMPTY = new RenderState(null, List.of());

    public RenderState {
        overlays = List.copyOf(overlays);
    }

    public RenderState withOverlays(List<Overlay> newOverlays) {
        return new RenderState(slide, newOverlays);
    }
}
