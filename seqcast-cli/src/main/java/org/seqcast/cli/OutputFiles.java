package org.seqcast.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a command reads and writes, checked together before any work is done, so that a bad output path
 * fails in a second instead of after training: every output is a file name (not a directory) in a directory that
 * exists (made when missing) and takes new files, and no output is an input or another output (compared as
 * files: through symbolic links and hard links), which writing would destroy. Every command that writes files
 * lists them here, e.g. {@code OutputFiles.of().reads("--data", data).writes("--out", out).check()}.
 */
final class OutputFiles {
    /** A file named by an option (or a positional parameter's label). */
    private record Named(String option, Path path) {
    }

    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputs = new ArrayList<>();

    private OutputFiles() {
    }

    /** An empty list of files. */
    static OutputFiles of() {
        return new OutputFiles();
    }

    /** Adds a file the command reads ({@code null}: the option was not given). */
    OutputFiles reads(String option, Path file) {
        if (file != null) {
            inputs.add(new Named(option, file));
        }
        return this;
    }

    /** Adds a file the command writes ({@code null}: the option was not given). */
    OutputFiles writes(String option, Path file) {
        if (file != null) {
            outputs.add(new Named(option, file));
        }
        return this;
    }

    /**
     * Checks every output (see the class comment).
     *
     * @throws IllegalArgumentException naming the option(s) and file(s) and what to do
     * @throws IOException              when a missing directory cannot be made
     */
    void check() throws IOException {
        for (int k = 0; k < outputs.size(); k++) {
            Named out = outputs.get(k);
            prepare(out.path(), out.option());
            requireWritableDirectory(out);
            for (Named in : inputs) {
                if (sameFile(out.path(), in.path())) {
                    throw new IllegalArgumentException(out.option() + " " + out.path() + " is the " + in.option()
                            + " file " + in.path() + ": writing it would destroy the input; give " + out.option()
                            + " another file name");
                }
            }
            for (Named other : outputs.subList(0, k)) {
                if (sameFile(out.path(), other.path())) {
                    throw new IllegalArgumentException(out.option() + " " + out.path() + " and " + other.option() + " "
                            + other.path() + " are the same file: one would overwrite the other; give them different"
                            + " names");
                }
            }
        }
    }

    /** Fails when {@code file} is a directory; creates the directory it goes into. */
    static void prepare(Path file, String option) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory; " + option + " takes the name of a file to write");
        }
        Path dir = directory(file);
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new IllegalArgumentException(file + " cannot be written: " + dir + " is a file, not a directory");
            }
            Files.createDirectories(dir);
        }
    }

    /**
     * Fails when the output's directory does not take new files (no permission, a read-only file system): the
     * one sure test is to create one, as the write will (a temporary file next to it, then renamed).
     */
    private static void requireWritableDirectory(Named out) {
        Path dir = directory(out.path());
        try {
            Path probe = Files.createTempFile(dir, ".seqcast-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : String.valueOf(e.getMessage());
            throw new IllegalArgumentException(out.path() + " cannot be written: the directory " + dir
                    + " does not take new files (" + why + "); give " + out.option() + " a file in a writable directory"
                    + " or fix the directory's permissions");
        }
    }

    /**
     * True when the two paths name one file: both exist and are the same file (symbolic links resolved, hard
     * links by identity), or neither exists and their real directories and names agree.
     */
    static boolean sameFile(Path a, Path b) throws IOException {
        boolean ea = Files.exists(a);
        boolean eb = Files.exists(b);
        if (ea && eb) {
            return Files.isSameFile(a, b);
        }
        if (ea || eb) {
            return false;
        }
        return real(a).equals(real(b));
    }

    /** A path that does not exist yet, with its directory's symbolic links resolved where it exists. */
    private static Path real(Path file) throws IOException {
        Path dir = directory(file);
        Path name = file.toAbsolutePath().normalize().getFileName();
        return Files.isDirectory(dir) ? dir.toRealPath().resolve(name) : dir.resolve(name);
    }

    private static Path directory(Path file) {
        return file.toAbsolutePath().normalize().getParent();
    }
}
