package org.histoprune.app.pruning;

import java.nio.file.Path;
import javafx.concurrent.Task;
import org.histoprune.nn.NucleiModel;

/** Writes a model file as a job, so that the model is not swapped and closed while it is written. */
final class SaveModelTask extends Task<Path> {
    private final NucleiModel model;
    private final Path target;

    SaveModelTask(NucleiModel model, Path target) {
        this.model = model;
        this.target = target;
        updateTitle("Save " + target.getFileName());
    }

    @Override
    protected Path call() throws Exception {
        model.save(target); // atomic and durable: a temporary file forced to disk and moved into place
        return target;
    }
}
