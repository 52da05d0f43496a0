package org.seqcast.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output file options, checked before any work is done so that a bad path fails fast. */
final class OutputFiles {
    private OutputFiles() {
    }

    /** Fails when {@code file} is a directory; creates the directory it goes into. */
    static void prepare(Path file, String option) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory; " + option + " takes the name of a file to write");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new IllegalArgumentException(file + " cannot be written: " + dir + " is a file, not a directory");
            }
            Files.createDirectories(dir);
        }
    }
}
