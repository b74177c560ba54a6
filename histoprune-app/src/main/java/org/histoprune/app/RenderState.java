package org.histoprune.app;

import java.util.List;

/** An immutable snapshot of what to draw, so a frame can also be rendered off the FX thread (exports). */
record RenderState(SlideImage slide, List<Overlay> overlays) {
    static final RenderState EMPTY = new RenderState(null, List.of());

    RenderState {
        overlays = List.copyOf(overlays);
    }

    RenderState withOverlays(List<Overlay> newOverlays) {
        return new RenderState(slide, newOverlays);
    }
}
