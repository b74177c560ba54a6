package org.histoprune.app;

import java.io.IOException;
import java.util.Optional;
import org.histoprune.nn.NucleiModel;

/** Where the app's first model comes from: the bundled one by default, a small one in tests. */
@FunctionalInterface
public interface ModelSource {
    Optional<NucleiModel> load() throws IOException;
}
