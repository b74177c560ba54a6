package org.histoprune.io;

import java.nio.file.Path;

/**
 * Bad input from the user: a file that is missing, unreadable, malformed, or does not fit the rest. Its
 * message is one line naming the file and the problem; front ends show it as is (exit code 2 in the CLI).
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public InvalidInputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    public InvalidInputException(String message) {
        super(message);
    }
}
