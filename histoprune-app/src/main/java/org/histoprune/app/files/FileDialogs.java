package org.histoprune.app.files;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Where the app asks the user for files; tests answer without a dialog. */
public interface FileDialogs {
    Optional<Path> chooseSlide(Window owner);

    Optional<Path> chooseExportTarget(Window owner, String suggestedName);

    Optional<Path> chooseModel(Window owner);

    /**
     * A folder (a dataset, a sweep results folder), starting at {@code initial} (or its parent) when given; the
     * platform's chooser unless a test answers.
     */
    default Optional<Path> chooseFolder(Window owner, String title, Optional<Path> initial) {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle(title);
        initial.map(folder -> java.nio.file.Files.isDirectory(folder) ? folder : folder.getParent())
                .filter(java.nio.file.Files::isDirectory)
                .ifPresent(folder -> chooser.setInitialDirectory(folder.toFile()));
        return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
    }

    /** Where to save a model file; the platform's chooser unless a test answers. */
    default Optional<Path> chooseModelTarget(Window owner, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save model");
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HistoPrune model", "*.hpm"));
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    /** Any other file the app asks for (ground truth, exports); none unless a chooser is there to ask. */
    default Optional<Path> chooseFile(Window owner, FileRequest request) {
        return Optional.empty();
    }

    /** The platform's file choosers. */
    static FileDialogs system() {
        return new FileDialogs() {
            @Override
            public Optional<Path> chooseSlide(Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Open slide");
                chooser.getExtensionFilters().addAll(
                        new FileChooser.ExtensionFilter("Slides and images", "*.tif", "*.tiff", "*.svs", "*.ndpi",
                                "*.mrxs", "*.png", "*.jpg", "*.jpeg"),
                        new FileChooser.ExtensionFilter("All files", "*"));
                return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseModel(Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Load model");
                chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("HistoPrune model", "*.hpm"),
                        new FileChooser.ExtensionFilter("All files", "*"));
                return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseFile(Window owner, FileRequest request) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(request.title());
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(request.typeName(), request.patterns()));
                request.folder().ifPresent(folder -> chooser.setInitialDirectory(folder.toFile()));
                chooser.setInitialFileName(request.suggestedName());
                File chosen = request.save() ? chooser.showSaveDialog(owner) : chooser.showOpenDialog(owner);
                return Optional.ofNullable(chosen).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseExportTarget(Window owner, String suggestedName) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Export view as PNG");
                chooser.setInitialFileName(suggestedName);
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
                return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
            }
        };
    }
}
