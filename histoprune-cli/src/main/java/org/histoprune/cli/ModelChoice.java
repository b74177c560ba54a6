package org.histoprune.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.BundledModel;
import org.histoprune.nn.NucleiModel;

/**
 * What {@code --model} names: a bundled model ({@code dense}, {@code fast}) or a model file. A name wins over a
 * file of that name in the working folder ({@code ./fast} is the file).
 */
final class ModelChoice {
    private ModelChoice() {
    }

    /** The bundled model a value names, or empty when it is a file path. */
    static Optional<BundledModel> bundled(String value) {
        return BundledModel.named(value);
    }

    /** Opens the model a value names; null is the dense bundled model. */
    static NucleiModel open(String value) throws IOException {
        Optional<BundledModel> bundled = bundled(value == null ? BundledModel.DENSE.cliName() : value);
        if (bundled.isEmpty()) {
            return NucleiModel.load(Path.of(value));
        }
        return bundled.get().load().orElseThrow(() -> new InvalidInputException(bundled.get().missingMessage()));
    }
}
