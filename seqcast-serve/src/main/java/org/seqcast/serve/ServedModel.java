package org.seqcast.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;

/**
 * One model as the server serves it: its name in URLs, its file, the model read from it and the file's stamp
 * when it was read. Immutable: a reload makes a new one ({@link ModelRegistry}), so a request that took this one
 * finishes on it.
 *
 * @param name       the name in {@code /v1/models/{name}}
 * @param file       the model file
 * @param model      the model read from it
 * @param stamp      the file's modification time, size and identity when it was read
 * @param generation 1 for the first load, one more at each reload
 */
public record ServedModel(String name, Path file, LoadedModel model, Stamp stamp, long generation) {
    /** What a model name may hold: letters, digits, '.', '_' and '-'. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public ServedModel {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name '" + name + "' must be 1 to 100 letters, digits, '.', '_'"
                    + " or '-'");
        }
        if (file == null || model == null || stamp == null || generation < 1) {
            throw new IllegalArgumentException("a served model needs its file, model, stamp and a generation >= 1");
        }
    }

    /** Reads {@code file} as model {@code name}, generation {@code generation}. */
    static ServedModel load(String name, Path file, long generation) {
        Stamp before = Stamp.of(file);
        LoadedModel model = ModelFile.load(file);
        return new ServedModel(name, file, model, before, generation);
    }

    /**
     * The name a file is served under when none is given: its file name without {@value ModelFile#EXTENSION}.
     */
    static String defaultName(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(ModelFile.EXTENSION) ? n.substring(0, n.length() - ModelFile.EXTENSION.length()) : n;
    }

    /**
     * A file's identity and version as the file system tells them: a save replaces the file (a new inode) or
     * rewrites it (a new time or size); either changes the stamp.
     *
     * @param modified modification time in nanoseconds since the epoch
     * @param size     size in bytes
     * @param key      the file system's key of the file (inode), or null where it has none
     */
    public record Stamp(long modified, long size, Object key) {
        static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.size(),
                        a.fileKey());
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read the file's attributes: " + e.getMessage(), e);
            }
        }
    }
}
