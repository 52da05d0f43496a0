package org.seqcast.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that it is never seen half-written: a synced temporary file in the same directory (readable by
 * all, like any file the user writes), then an atomic move over the target. Every file Seqcast writes for a user
 * (model files, ONNX graphs, reports) goes through here.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes {@code bytes} to {@code file}; {@code source} names the file in errors. */
    public static void write(Path file, byte[] bytes, String source) {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                java.nio.file.attribute.PosixFileAttributeView posix = Files.getFileAttributeView(temp,
                        java.nio.file.attribute.PosixFileAttributeView.class);
                if (posix != null) {
                    posix.setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                }
            } catch (IOException | UnsupportedOperationException ignored) {
                // permissions are a courtesy (createTempFile makes owner-only files); the content is what matters
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + source + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file is named after the target and ends in .tmp; nothing else to do
                }
            }
        }
    }
}
