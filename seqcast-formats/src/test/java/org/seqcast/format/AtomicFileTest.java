package org.seqcast.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** The directory's entries other than {@code keep}: temporary files left behind. */
    private List<Path> leftovers(Path keep) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.equals(keep)).toList();
        }
    }

    @Test
    void everyByteIsWrittenWhenTheDeviceTakesAFewBytesPerCall() throws IOException {
        Path file = dir.resolve("model.seqcast");
        byte[] data = bytes(10_000, 1);
        AtomicFile.write(file, data, "model.seqcast", temp -> new Disk(temp, 7, Long.MAX_VALUE));
        assertArrayEquals(data, Files.readAllBytes(file));
        assertEquals(List.of(), leftovers(file));
    }

    @Test
    void aFullDiskIsAnErrorThatLeavesTheOldFileIntact() throws IOException {
        Path file = dir.resolve("model.seqcast");
        byte[] old = bytes(3000, 2);
        Files.write(file, old);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFile.write(file,
                bytes(5000, 3), "model.seqcast", temp -> new Disk(temp, 512, 1000)));
        assertTrue(e.getMessage().startsWith("cannot write model.seqcast: no space left on device after 1000 of 5000"
                + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("the previous file, if any, is unchanged"), e.getMessage());
        assertArrayEquals(old, Files.readAllBytes(file));
        assertEquals(List.of(), leftovers(file), "the temporary file is deleted");
    }

    @Test
    void aDirectoryThatRefusesNewFilesIsAnErrorNamingIt() throws IOException {
        Path file = dir.resolve("forecast.csv");
        Files.writeString(file, "old");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFile.write(file,
                "new".getBytes(), "forecast.csv", temp -> {
                    throw new AccessDeniedException(temp.toString());
                }));
        assertEquals("cannot write forecast.csv: permission denied (directory " + dir + ") (the previous file, if any,"
                + " is unchanged)", e.getMessage());
        assertEquals("old", Files.readString(file));
    }

    @Test
    void aReplacedFileKeepsItsModeAndANewFileGetsTheUmasksMode() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file modes");
        Path file = dir.resolve("report.html");
        Files.writeString(file, "old");
        for (String mode : List.of("rw-r-----", "rwxr-xr-x", "rw-------")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            AtomicFile.write(file, mode.getBytes(), "report.html");
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(mode, Files.readString(file));
        }
        Path plain = dir.resolve("plain");
        Files.write(plain, new byte[1]); // created as every program creates files: 0666 less the umask
        Path fresh = dir.resolve("fresh.csv");
        AtomicFile.write(fresh, new byte[1], "fresh.csv");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(fresh));
    }

    @Test
    void aSymbolicLinkIsWrittenThrough() throws IOException {
        Path real = dir.resolve("real.npy");
        Files.writeString(real, "old");
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("link.npy"), real.getFileName());
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links: " + e);
            return;
        }
        AtomicFile.write(link, "new".getBytes(), "link.npy");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void writingTheSameBytesTwiceGivesTheSameFile() throws IOException {
        Path file = dir.resolve("a.onnx");
        byte[] data = bytes(777, 4);
        AtomicFile.write(file, data, "a.onnx");
        byte[] first = Files.readAllBytes(file);
        AtomicFile.write(file, data, "a.onnx");
        assertArrayEquals(first, Files.readAllBytes(file));
        assertArrayEquals(data, first);
    }

    /**
     * A disk that takes at most {@code chunk} bytes per write call and fills up after {@code capacity} bytes, as
     * Linux does (a partial write, then ENOSPC); everything else goes to the real file's channel.
     */
    private static final class Disk extends FileChannel {
        private final FileChannel real;
        private final int chunk;
        private final long capacity;
        private long written;

        Disk(Path temp, int chunk, long capacity) throws IOException {
            this.real = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.chunk = chunk;
            this.capacity = capacity;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = (int) Math.min(Math.min(chunk, src.remaining()), capacity - written);
            if (n <= 0 && src.hasRemaining()) {
                throw new IOException("No space left on device");
            }
            ByteBuffer slice = src.slice().limit(n);
            int w = real.write(slice);
            src.position(src.position() + w);
            written += w;
            return w;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            real.force(metaData);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }
    }
}
