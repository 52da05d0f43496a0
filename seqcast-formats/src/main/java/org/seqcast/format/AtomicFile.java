package org.seqcast.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file so that it is never seen half-written, even when the machine dies or the disk fills up:
 * <ol>
 *   <li>the bytes go to a new temporary file in the target's directory, every byte of every partial
 *       {@code write} accounted for, and the file is forced to the device (fsync);</li>
 *   <li>it gets the mode of the file it replaces, or, for a new file, the mode the umask gives a plain write
 *       (it is created like one);</li>
 *   <li>an atomic rename puts it in place of the target, and the directory is forced so the rename survives a
 *       crash.</li>
 * </ol>
 * Any failure before the rename (a full disk, a read-only or unwritable directory) deletes the temporary file
 * and leaves the previous file as it was. A target that is a symbolic link is written through, as a plain write
 * would: the link stays and the file it points to is replaced. Every file Seqcast writes for a user (model
 * files, forecasts, ONNX graphs, reports, arrays) goes through here.
 */
public final class AtomicFile {
    /** Distinguishes the temporary files of one process (with its id in the name, those of all processes). */
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();
    /** How often a temporary name is drawn again when one is taken (left behind by a killed process). */
    private static final int TEMP_ATTEMPTS = 100;

    private AtomicFile() {
    }

    /**
     * Opens the channel the temporary file is written through; it must create the file (it does not exist). The
     * default creates it as a plain write would ({@code CREATE_NEW}, so mode 0666 less the umask); tests pass
     * one that fails like a full disk.
     */
    @FunctionalInterface
    interface Opener {
        FileChannel create(Path temp) throws IOException;
    }

    private static final Opener PLAIN = temp -> FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);

    /**
     * Writes {@code bytes} to {@code file}; {@code source} names the file in errors.
     *
     * @throws UncheckedIOException naming {@code source} and the reason (no space left, permission denied,
     *                              read-only file system) when the file cannot be written; the previous file
     *                              is then unchanged
     */
    public static void write(Path file, byte[] bytes, String source) {
        write(file, bytes, source, PLAIN);
    }

    /** {@link #write(Path, byte[], String)} through the channels {@code opener} makes. */
    static void write(Path file, byte[] bytes, String source, Opener opener) {
        Path target = throughLink(file);
        Path dir = target.toAbsolutePath().getParent();
        Set<PosixFilePermission> mode = permissions(target);
        Path temp = null;
        try {
            temp = createAndWrite(dir, target.getFileName().toString(), bytes, opener);
            if (mode != null) {
                Files.getFileAttributeView(temp, PosixFileAttributeView.class).setPermissions(mode);
            }
            rename(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + source + ": " + reason(e) + " (the previous file, if"
                    + " any, is unchanged)", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file is named after the target and ends in .tmp; nothing else to do
                }
            }
        }
        forceDirectory(dir, source);
    }

    /**
     * Creates a temporary file named after the target next to it, writes {@code bytes} whole and forces them to
     * the device; returns its path. On failure it deletes the file it created before throwing.
     */
    private static Path createAndWrite(Path dir, String name, byte[] bytes, Opener opener) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + pid + "." + TEMP_COUNTER.incrementAndGet() + ".tmp");
            FileChannel ch;
            try {
                ch = opener.create(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt + 1 < TEMP_ATTEMPTS) {
                    continue;
                }
                throw e;
            }
            try (ch) {
                writeFully(ch, bytes);
                ch.force(true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            return temp;
        }
    }

    /** Writes every byte: one {@code write} call may take fewer bytes than offered (a full disk, a signal). */
    static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            int before = b.position();
            try {
                if (ch.write(b) == 0 && b.position() == before) {
                    throw new IOException("the device takes no more bytes (no space left on device?)");
                }
            } catch (IOException e) {
                throw new IOException(e.getMessage() + " after " + b.position() + " of " + bytes.length + " bytes",
                        e);
            }
        }
    }

    private static void rename(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Forces the directory entry of the rename to the device. Platforms that cannot open a directory (Windows)
     * have nothing to force; a failure to force an opened one is an error, though the new file is in place.
     */
    private static void forceDirectory(Path dir, String source) {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (ch) {
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("wrote " + source + " but could not force its directory " + dir
                    + " to the device (" + reason(e) + "): the new file may be lost if the machine stops now", e);
        }
    }

    /** The file a symbolic link points to (written through, as a plain write would); else {@code file}. */
    private static Path throughLink(Path file) {
        if (Files.isSymbolicLink(file)) {
            try {
                return file.toRealPath();
            } catch (IOException e) {
                return file; // a dangling link: the rename replaces the link itself
            }
        }
        return file;
    }

    /** The POSIX mode of an existing {@code file}, kept by its replacement; null when new or not POSIX. */
    private static Set<PosixFilePermission> permissions(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return view.readAttributes().permissions();
        } catch (IOException e) {
            return null;
        }
    }

    /** The reason of a file-system failure in words ("no space left on device after 4096 of 9000 bytes"). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied (" + where(a.getFile()) + ")";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT) + " (" + where(f.getFile()) + ")";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : Character.toLowerCase(m.charAt(0))
                + m.substring(1);
    }

    /** A failing path for a message: the directory, when it is one of our temporary files (a name nobody gave). */
    private static String where(String file) {
        if (file == null) {
            return "unknown file";
        }
        Path p = Path.of(file);
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp") && p.getParent() != null
                ? "directory " + p.getParent() : file;
    }
}
