package org.seqcast.io;

import org.seqcast.format.ModelFileException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The zip container of a model file: exactly {@code manifest.json} (deflated) and {@code weights.safetensors}
 * (stored), in that order, both stamped with the creation time in UTC so that equal models give equal bytes.
 * Reading goes through the central directory (so a cut anywhere in the file is noticed) and checks each
 * entry's size and CRC-32 against it. No allocation exceeds what the file can hold: an entry's size is checked
 * against what its compressed bytes can give (a stored entry: exactly them; a deflated one: at most
 * {@value #MAX_DEFLATE_RATIO} times them) before anything is read, the manifest is read first, and the weights
 * only up to the size the manifest declares ({@link #read(Path, String, ToLongFunction)}), so a small file whose
 * entry claims or inflates to gigabytes is refused after reading at most the declared bytes.
 */
final class ModelZip {
    /** The largest manifest read (a manifest lists one scaler per series: a few hundred bytes each). */
    static final long MAX_MANIFEST_BYTES = 64L << 20;
    /** The largest weights entry read. */
    static final long MAX_WEIGHTS_BYTES = Integer.MAX_VALUE - 8L;
    /** The most bytes DEFLATE can give per compressed byte (its longest match, 258 bytes, in under 2 bits). */
    static final long MAX_DEFLATE_RATIO = 1032;

    private ModelZip() {
    }

    /** The two entries' bytes. */
    record Entries(byte[] manifest, byte[] weights) {
    }

    static byte[] write(byte[] manifest, byte[] weights, Instant created) {
        LocalDateTime stamp = LocalDateTime.ofInstant(created, ZoneOffset.UTC);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(weights.length + manifest.length + 1024);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry m = new ZipEntry(ModelFile.MANIFEST_ENTRY);
            m.setMethod(ZipEntry.DEFLATED);
            m.setTimeLocal(stamp);
            zip.putNextEntry(m);
            zip.write(manifest);
            zip.closeEntry();
            ZipEntry w = new ZipEntry(ModelFile.WEIGHTS_ENTRY);
            w.setMethod(ZipEntry.STORED);
            w.setSize(weights.length);
            w.setCompressedSize(weights.length);
            w.setCrc(crc(weights));
            w.setTimeLocal(stamp);
            zip.putNextEntry(w);
            zip.write(weights);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a model file in memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads and checks the two entries of a zip held in memory, with the checks of {@link #read(Path, String)}:
     * {@code java.util.zip} reads a zip's central directory only from a file, so the bytes go through a
     * temporary file (deleted before returning).
     */
    static Entries read(byte[] bytes, String source, ToLongFunction<byte[]> weightsLimit) {
        Path tmp;
        try {
            tmp = Files.createTempFile("seqcast-model-", ModelFile.EXTENSION);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file to read " + source, e);
        }
        try {
            Files.write(tmp, bytes);
            return read(tmp, source, weightsLimit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file to read " + source, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                tmp.toFile().deleteOnExit();
            }
        }
    }

    /**
     * Reads and checks the two entries of the zip at {@code file}: the manifest first, then the weights, which
     * may not be larger than {@code weightsLimit} says for the manifest's bytes (it checks the manifest and
     * returns the most bytes the weights it declares can take, or throws a {@link ModelFileException}).
     */
    static Entries read(Path file, String source, ToLongFunction<byte[]> weightsLimit) {
        if (!looksLikeZip(file, source)) {
            throw new ModelFileException(source, "not a Seqcast model file (expected a zip with "
                    + ModelFile.MANIFEST_ENTRY + " and " + ModelFile.WEIGHTS_ENTRY + ")");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                names.add(en.nextElement().getName());
            }
            for (String wanted : List.of(ModelFile.MANIFEST_ENTRY, ModelFile.WEIGHTS_ENTRY)) {
                if (!names.contains(wanted)) {
                    throw new ModelFileException(source, "the zip has no " + wanted + " (entries: " + names
                            + "; expected a zip with " + ModelFile.MANIFEST_ENTRY + " and " + ModelFile.WEIGHTS_ENTRY
                            + "): not a Seqcast model file, or a damaged one");
                }
            }
            if (names.size() != 2) {
                throw new ModelFileException(source, "the zip has entries " + names + "; a Seqcast model file has"
                        + " exactly " + ModelFile.MANIFEST_ENTRY + " and " + ModelFile.WEIGHTS_ENTRY + ": the file"
                        + " was edited or damaged; save the model again");
            }
            long fileSize = Files.size(file);
            byte[] manifest = entry(zip, ModelFile.MANIFEST_ENTRY, MAX_MANIFEST_BYTES, "a manifest has at most",
                    fileSize, source);
            long declared = weightsLimit.applyAsLong(manifest);
            byte[] weights = entry(zip, ModelFile.WEIGHTS_ENTRY, Math.min(declared, MAX_WEIGHTS_BYTES),
                    ModelFile.MANIFEST_ENTRY + " declares weights of at most", fileSize, source);
            return new Entries(manifest, weights);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ZipException, EOFException, and the runtime exceptions a damaged zip can raise inside java.util.zip
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new ModelFileException(source, "is damaged or truncated (zip error: " + why + "): copy"
                    + " the file again or save the model again", e);
        }
    }

    /**
     * An entry's bytes, refused before reading when the size the zip directory gives is negative, above
     * {@code limit} ({@code limitSays} explains it), or more than its compressed bytes in the file can give.
     */
    private static byte[] entry(ZipFile zip, String name, long limit, String limitSays, long fileSize, String source)
            throws IOException {
        ZipEntry e = zip.getEntry(name);
        long size = e.getSize();
        long compressed = e.getCompressedSize();
        if (size < 0 || size > limit) {
            throw new ModelFileException(source, name + " claims " + size + " bytes, but " + limitSays + " " + limit
                    + ": the file is damaged or was made to exhaust memory; it is not read");
        }
        boolean stored = e.getMethod() == ZipEntry.STORED;
        if (compressed < 0 || compressed > fileSize
                || size > (stored ? compressed : compressed * MAX_DEFLATE_RATIO)) {
            throw new ModelFileException(source, name + " claims " + size + " bytes from " + compressed + " "
                    + (stored ? "stored" : "compressed") + " bytes in a file of " + fileSize + ", more than they can"
                    + " hold: the file is damaged or was made to exhaust memory; it is not read");
        }
        byte[] data;
        try (InputStream in = zip.getInputStream(e)) {
            data = in.readNBytes((int) size);
            if (data.length != size || in.read() != -1) {
                throw new ModelFileException(source, name + " does not have the " + size + " bytes the zip directory"
                        + " gives: the file is damaged or truncated; copy the file again or save the model again");
            }
        }
        if (crc(data) != e.getCrc()) {
            throw new ModelFileException(source, name + " fails its CRC-32 check: the file is damaged; copy the file"
                    + " again or save the model again");
        }
        return data;
    }

    /** True when the file starts with a zip local header or end-of-directory signature. */
    private static boolean looksLikeZip(Path file, String source) {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        } catch (IOException e) {
            throw new ModelFileException(source, "cannot be read (" + e + "): check its permissions", e);
        }
        return head[0] == 'P' && head[1] == 'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    static long crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }
}
