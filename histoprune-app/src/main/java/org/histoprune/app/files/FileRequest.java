package org.histoprune.app.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A question for a file chooser: open or save, its title, the file type offered (a name and patterns such as
 * {@code *.png}), a suggested file name when saving, and the folder to start in.
 */
public record FileRequest(boolean save, String title, String typeName, List<String> patterns, String suggestedName,
        Optional<Path> folder) {
    static FileRequest open(String title, String typeName, List<String> patterns, Optional<Path> folder) {
        return new FileRequest(false, title, typeName, patterns, "", folder);
    }

    static FileRequest save(String title, String typeName, String pattern, String suggestedName,
            Optional<Path> folder) {
        return new FileRequest(true, title, typeName, List.of(pattern), suggestedName, folder);
    }
}
