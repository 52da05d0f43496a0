package org.seqcast.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.format.ModelFileException;
import org.seqcast.forecast.RnnForecaster;

/**
 * Model files made to exhaust memory: a small file whose weights entry claims or inflates to far more than the
 * manifest declares is refused with a message, having read (and allocated) at most about the declared bytes.
 */
class ModelFileBombTest {
    /** Zeros the bomb's weights entry inflates to: 64 MiB from about 64 KiB of deflated bytes. */
    private static final int BOMB_BYTES = 64 << 20;
    /** What a refused load may allocate: the declared bytes of a tiny model are a few KiB, the bomb 64 MiB. */
    private static final long ALLOCATION_LIMIT = 12L << 20;

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void saveTinyModel() {
        model = dir.resolve("tiny.seqcast");
        ModelFile.save(new RnnForecaster(ModelFileRoundTripTest.tiny(6).build()).fit(ModelFileRoundTripTest.monthly()),
                ModelInfo.of(ModelFileRoundTripTest.DATA_SHA, ModelFileRoundTripTest.monthly()), model);
    }

    /** The tiny model's manifest with a weights entry of its real weights followed by {@code extra} zeros. */
    private static Path bomb(String name, int extra) throws IOException {
        Map<String, byte[]> entries = ModelZips.entries(model);
        byte[] weights = entries.get(ModelFile.WEIGHTS_ENTRY);
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(ModelFile.MANIFEST_ENTRY, entries.get(ModelFile.MANIFEST_ENTRY));
        out.put(ModelFile.WEIGHTS_ENTRY, Arrays.copyOf(weights, weights.length + extra));
        Path file = ModelZips.write(dir.resolve(name), out);
        assertTrue(Files.size(file) < 1 << 20, "the bomb is a small file");
        return file;
    }

    /** Sets the uncompressed size the central directory gives for the weights entry. */
    private static void patchCentralSize(Path file, long size) throws IOException {
        byte[] zip = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = ModelFile.WEIGHTS_ENTRY.getBytes(StandardCharsets.US_ASCII);
        for (int p = zip.length - 46; p >= 0; p--) {
            if (b.getInt(p) == 0x02014b50 && b.getShort(p + 28) == name.length
                    && Arrays.equals(zip, p + 46, p + 46 + name.length, name, 0, name.length)) {
                b.putInt(p + 24, (int) size);
                Files.write(file, zip);
                return;
            }
        }
        throw new AssertionError("no central directory entry for " + ModelFile.WEIGHTS_ENTRY);
    }

    /** The load's error, and that it allocated at most {@link #ALLOCATION_LIMIT} bytes on the way. */
    private static String refused(Path file) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < ALLOCATION_LIMIT, "allocated " + allocated + " bytes to refuse " + file);
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aWeightsEntryLargerThanTheManifestDeclaresIsNotRead() throws IOException {
        String m = refused(bomb("claims.seqcast", BOMB_BYTES));
        assertTrue(m.contains(ModelFile.WEIGHTS_ENTRY + " claims ") && m.contains("but manifest.json declares weights"
                + " of at most") && m.contains("it is not read"), m);
    }

    @Test
    void aWeightsEntryThatInflatesBeyondTheSizeItClaimsIsCutOffThere() throws IOException {
        Path file = bomb("lies.seqcast", BOMB_BYTES);
        patchCentralSize(file, ModelZips.entries(model).get(ModelFile.WEIGHTS_ENTRY).length);
        String m = refused(file);
        assertTrue(m.contains("does not have the") && m.contains("bytes the zip directory gives"), m);
    }

    @Test
    void aStoredEntryClaimingMoreThanTheFileHoldsIsNotRead() throws IOException {
        // the manifest declares a huge network, so only the entry's real size can refuse the claim
        Path file = ModelZips.edit(model, dir.resolve("stored.seqcast"),
                manifest -> ((ObjectNode) manifest.get("weights")).put("parameters", 400_000_000L), w -> w);
        Path stored = dir.resolve("stored2.seqcast");
        Map<String, byte[]> entries = ModelZips.entries(file);
        Files.write(stored, ModelZip.write(entries.get(ModelFile.MANIFEST_ENTRY), entries.get(ModelFile.WEIGHTS_ENTRY),
                ModelFileRoundTripTest.CREATED));
        patchCentralSize(stored, 1_500_000_000L);
        String m = refused(stored);
        assertTrue(m.contains("claims 1500000000 bytes from") && m.contains("stored bytes")
                && m.contains("more than they can hold"), m);
    }
}
