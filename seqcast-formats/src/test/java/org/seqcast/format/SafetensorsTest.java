package org.seqcast.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.nn.Dense;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Tensor;

class SafetensorsTest {
    /** Written by tools/modelfile/make_torch_fixture.py with PyTorch and Python's safetensors 0.8.0. */
    static final Path FIXTURES = Path.of("../testdata/io");

    @TempDir
    Path dir;

    @Test
    void byteLayoutMatchesTheSpecByHand() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", Tensor.wrap(new float[] {1.0f, -2.0f}, 2));
        tensors.put("b", Tensor.wrap(new float[] {0.5f}, 1, 1));
        byte[] bytes = Safetensors.write(tensors, Map.of("k", "v"));
        // header JSON: {"__metadata__":{"k":"v"},                                  26 bytes
        //              "a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},       53 bytes
        //              "b":{"dtype":"F32","shape":[1,1],"data_offsets":[8,12]}}    56 bytes
        // = 135 bytes, padded with one space to 136 (a multiple of 8); data: 3 floats = 12 bytes; 8 + 136 + 12 = 156
        String json = "{\"__metadata__\":{\"k\":\"v\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,12]}}";
        assertEquals(135, json.length());
        assertEquals(156, bytes.length);
        assertArrayEquals(new byte[] {(byte) 136, 0, 0, 0, 0, 0, 0, 0}, slice(bytes, 0, 8), "header length, u64 LE");
        assertEquals(json + " ", new String(bytes, 8, 136, StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {
                0x00, 0x00, (byte) 0x80, 0x3f,           // 1.0f  = 0x3f800000
                0x00, 0x00, 0x00, (byte) 0xc0,           // -2.0f = 0xc0000000
                0x00, 0x00, 0x00, 0x3f},                 // 0.5f  = 0x3f000000
                slice(bytes, 144, 156), "float32 little-endian, back to back");
        Safetensors.Contents back = Safetensors.read(bytes, "hand");
        assertEquals(List.of("a", "b"), List.copyOf(back.tensors().keySet()));
        assertArrayEquals(new int[] {1, 1}, back.tensors().get("b").shape());
        assertArrayEquals(new float[] {1.0f, -2.0f}, back.tensors().get("a").data());
        assertEquals(Map.of("k", "v"), back.metadata());
    }

    @Test
    void headerWithoutPaddingNeedsNoneAndMetadataIsOptional() {
        byte[] bytes = Safetensors.write(Map.of("abc", Tensor.wrap(new float[] {3f, 4f}, 2)), Map.of());
        // {"abc":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}: 1 + 6 + 1 + 14 + 12 + 20 + 2 = 56 bytes
        String json = "{\"abc\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertEquals(56, json.length(), "already a multiple of 8");
        assertEquals(8 + 56 + 8, bytes.length);
        assertEquals(56, bytes[0]);
        assertEquals(json, new String(bytes, 8, 56, StandardCharsets.UTF_8));
        assertEquals(Map.of(), Safetensors.read(bytes, "x").metadata());
    }

    @Test
    void roundTripKeepsOrderShapesAndBits() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.last", Tensor.wrap(new float[] {Float.MIN_VALUE, -0.0f, Float.MAX_VALUE, 1e-30f, 7f, 8f}, 1, 2, 3));
        tensors.put("a.first", Tensor.wrap(new float[] {Float.NaN, Float.NEGATIVE_INFINITY}, 2));
        Path file = dir.resolve("t.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt"));
        Safetensors.Contents back = Safetensors.read(file);
        assertEquals(List.of("z.last", "a.first"), List.copyOf(back.tensors().keySet()));
        assertArrayEquals(new int[] {1, 2, 3}, back.tensors().get("z.last").shape());
        assertArrayEquals(tensors.get("z.last").data(), back.tensors().get("z.last").data());
        assertEquals(Float.floatToRawIntBits(Float.NaN), Float.floatToRawIntBits(back.tensors().get("a.first").data()[0]));
    }

    @Test
    void readsWhatPythonSafetensorsWroteFromAPyTorchStateDict() throws IOException {
        byte[] python = Files.readAllBytes(FIXTURES.resolve("torch_lstm.safetensors"));
        Safetensors.Contents c = Safetensors.read(python, "torch_lstm.safetensors");
        assertEquals(Map.of("format", "pt"), c.metadata());
        // safetensors sorts by name; the reader returns tensors in offset order
        assertEquals(List.of("0.bias_hh_l0", "0.bias_ih_l0", "0.weight_hh_l0", "0.weight_ih_l0", "1.bias", "1.weight"),
                List.copyOf(c.tensors().keySet()));
        assertArrayEquals(new int[] {16, 3}, c.tensors().get("0.weight_ih_l0").shape());
        // Seqcast's state dict has PyTorch's names and shapes: the weights load as they are
        Sequential model = new Sequential(new LSTM(4), new Dense(2));
        model.build(5, 3);
        model.loadStateDict(c.tensors());
        Safetensors.Contents io = Safetensors.read(FIXTURES.resolve("torch_lstm_io.safetensors"));
        float[] torch = io.tensors().get("y").data();
        float[] ours = model.predict(io.tensors().get("x")).data();
        assertEquals(torch.length, ours.length);
        for (int k = 0; k < ours.length; k++) {
            assertEquals(torch[k], ours[k], 1e-5, "output " + k);
        }
        // and our writer, given the same tensors in the same order, writes Python's bytes exactly
        assertArrayEquals(python, Safetensors.write(c.tensors(), c.metadata()));
    }

    @Test
    void refusesOtherDtypesNamingThem() {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> Safetensors.read(FIXTURES.resolve("torch_f16.safetensors")));
        assertTrue(e.getMessage().contains("tensor 'w' has dtype F16; Seqcast reads F32 (float32) only"), e.getMessage());
        assertMessage(raw("{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "dtype BF16");
    }

    @Test
    void headerLengthMustFitTheFileAndTheLimit() {
        byte[] bytes = Safetensors.write(Map.of("w", Tensor.wrap(new float[] {1f}, 1)), Map.of());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, bytes.length);
        assertMessage(bytes, "header length " + bytes.length + " is beyond the end of the file (" + bytes.length + " bytes)");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 100_000_001L);
        assertMessage(bytes, "header length 100000001 exceeds the 100000000-byte limit");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        assertMessage(bytes, "header length 18446744073709551615 exceeds");
        assertMessage(new byte[5], "has 5 bytes, too few for a safetensors file");
    }

    @Test
    void headerMustBeJsonObjectUtf8WithoutDuplicates() {
        assertMessage(raw("{\"w\": [1, 2", 0), "the header is not valid JSON");
        assertMessage(raw("[1, 2]  ", 0), "does not start with '{'");
        assertMessage(raw("{\"a\":1} x", 0), "the header is not valid JSON");
        byte[] bad = raw("{\"\u00e9\":1}", 0);
        bad[11] = (byte) 0xff;
        assertMessage(bad, "the header is not UTF-8 text");
        assertMessage(raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "Duplicate field 'w'");
        assertMessage(raw("{\"__metadata__\":{\"n\":3}}", 0), "__metadata__ entry 'n' must be a string");
    }

    @Test
    void entriesAreChecked() {
        assertMessage(raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4),
                "tensor 'w' of shape [2] needs 8 bytes (4 per float32) but its data_offsets [0, 4] span 4");
        assertMessage(raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", 4),
                "tensor 'w' has shape []; Seqcast tensors have 1 to 8 dimensions");
        assertMessage(raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4),
                "sizes must be integers >= 0");
        assertMessage(raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4),
                "they need 0 <= begin <= end");
        assertMessage(raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "needs data_offsets [begin, end]");
        assertMessage(raw("{\"w\":[1]}", 4), "tensor 'w' must be described by an object");
    }

    @Test
    void offsetsMustTileTheDataSection() {
        String two = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[%d,%d]}}";
        assertMessage(raw(String.format(two, 4, 8), 8), "tensors 'a' [0, 8) and 'b' [4, 8) overlap");
        assertMessage(raw(String.format(two, 12, 16), 16), "data bytes [8, 12) belong to no tensor");
        assertMessage(raw(String.format(two, 8, 12), 16), "data bytes [12, 16) after the last tensor belong to no tensor");
        assertMessage(raw(String.format(two, 8, 12), 10), "the data section has 10 bytes but the header describes 12"
                + " (tensor 'b' ends at 12): the file is truncated");
        assertMessage(raw(String.format(two, 1000, 1004), 12), "the file is truncated");
    }

    @Test
    void truncatedAnywhereIsAnError() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", Tensor.wrap(new float[] {1f, 2f, 3f}, 3));
        tensors.put("b", Tensor.wrap(new float[] {4f}, 1));
        byte[] bytes = Safetensors.write(tensors, Map.of());
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] part = slice(bytes, 0, cut);
            ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.read(part, "cut"));
            assertTrue(e.getMessage().startsWith("cut: "), e.getMessage());
        }
    }

    @Test
    void missingOrDirectoryPathsAreNamed() throws IOException {
        Path missing = dir.resolve("none.safetensors");
        assertTrue(assertThrows(ModelFileException.class, () -> Safetensors.read(missing)).getMessage()
                .equals(missing + ": does not exist; check the path"));
        Path folder = Files.createDirectory(dir.resolve("d"));
        assertTrue(assertThrows(ModelFileException.class, () -> Safetensors.read(folder)).getMessage()
                .contains("is a directory"));
    }

    private static void assertMessage(byte[] bytes, String expected) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.read(bytes, "test.safetensors"));
        assertTrue(e.getMessage().startsWith("test.safetensors: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    /** A file with header {@code json} (unpadded) and {@code dataBytes} zero bytes of data. */
    private static byte[] raw(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private static byte[] slice(byte[] a, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(a, from, out, 0, out.length);
        return out;
    }
}
