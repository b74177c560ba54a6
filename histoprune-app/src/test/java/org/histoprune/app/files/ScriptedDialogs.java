package org.histoprune.app.files;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** File dialogs that answer with whatever a test has put in their fields, never opening a window. */
public final class ScriptedDialogs implements FileDialogs {
    Path slide;
    public Path exportTarget;
    public Path folder;
    public Path file;
    /** Models are saved here under the suggested name. */
    public Path modelFolder;

    public ScriptedDialogs(Path slide) {
        this.slide = slide;
    }

    @Override
    public Optional<Path> chooseSlide(Window owner) {
        return Optional.ofNullable(slide);
    }

    @Override
    public Optional<Path> chooseExportTarget(Window owner, String suggestedName) {
        return Optional.ofNullable(exportTarget);
    }

    @Override
    public Optional<Path> chooseModel(Window owner) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseFolder(Window owner, String title, Optional<Path> initial) {
        return Optional.ofNullable(folder);
    }

    @Override
    public Optional<Path> chooseModelTarget(Window owner, String suggestedName) {
        return Optional.ofNullable(modelFolder).map(target -> target.resolve(suggestedName));
    }

    @Override
    public Optional<Path> chooseFile(Window owner, FileRequest request) {
        return Optional.ofNullable(file);
    }
}
