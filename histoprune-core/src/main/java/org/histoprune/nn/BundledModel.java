package org.histoprune.nn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.histoprune.io.AtomicFiles;

/**
 * The models a build can ship in its jar, by the names the command line and the app use: the dense MoNuSeg U-Net
 * and its filter-pruned, fine-tuned fast variant. A build may lack either.
 */
public enum BundledModel {
    DENSE("dense", "/models/nuclei-unet16.hpm", "Dense (bundled)"),
    FAST("fast", "/models/nuclei-unet16-fast.hpm", "Fast (pruned)");

    private final String cliName;
    private final String resource;
    private final String label;

    BundledModel(String cliName, String resource, String label) {
        this.cliName = cliName;
        this.resource = resource;
        this.label = label;
    }

    /** The name {@code --model} takes. */
    public String cliName() {
        return cliName;
    }

    /** The class-path location, e.g. {@code /models/nuclei-unet16-fast.hpm}. */
    public String resource() {
        return resource;
    }

    /** What the app's model picker shows. */
    public String label() {
        return label;
    }

    /** Whether this build ships the model. */
    public boolean available() {
        return BundledModel.class.getResource(resource) != null;
    }

    /** The bundled models this build ships, dense first. */
    public static List<BundledModel> shipped() {
        return Arrays.stream(values()).filter(BundledModel::available).toList();
    }

    /** The bundled model of that name ({@code dense} or {@code fast}, any case), or empty for anything else. */
    public static Optional<BundledModel> named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(model -> model.cliName.equals(wanted)).findFirst();
    }

    /** The model, or empty when this build does not ship it. */
    public Optional<NucleiModel> load() throws IOException {
        Path copy = Files.createTempFile("histoprune-model", ".hpm");
        try {
            return copyTo(copy) ? Optional.of(NucleiModel.load(copy)) : Optional.empty();
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** Copies the model to a file, atomically; false when this build does not ship it. */
    public boolean copyTo(Path target) throws IOException {
        try (InputStream in = BundledModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            AtomicFiles.write(target, in::transferTo);
            return true;
        }
    }

    /** Why a model of this name cannot be used here: the build does not ship it. */
    public String missingMessage() {
        return "this build has no bundled " + cliName + " model (" + resource.substring(1)
                + "); give a model file with --model";
    }
}
