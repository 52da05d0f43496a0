package org.seqcast.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.tensor.Tensor;

/**
 * Reads and writes the safetensors format (Hugging Face's, as PyTorch's {@code safetensors.torch.save_file}
 * writes it), float32 tensors only:
 * <pre>
 *   bytes [0, 8)          N, the header length: unsigned 64-bit little-endian
 *   bytes [8, 8 + N)      the header: UTF-8 JSON, padded with spaces (0x20) to a multiple of 8 bytes
 *                           {"__metadata__": {"key": "value", ...},                 (optional, strings only)
 *                            "name": {"dtype": "F32", "shape": [d0, d1, ...], "data_offsets": [begin, end]},
 *                            ...}
 *   bytes [8 + N, end)    the data section: each tensor's values, row-major little-endian float32, at bytes
 *                         [begin, end) counted from the start of the data section
 * </pre>
 * The writer puts the tensors back to back in the map's order. The reader accepts any header order and
 * checks what the format promises: header length within the file and below {@value #MAX_HEADER_BYTES}
 * bytes, JSON that parses (no duplicate names), dtype F32, end − begin = 4·∏shape, offsets inside the data
 * section, and the data section covered exactly (no overlap, no gap, nothing after the last tensor).
 */
public final class Safetensors {
    /** The largest header the reader accepts (the reference implementation's limit). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The header bytes {@link #maxFloat32Bytes} allows for the metadata and layout. */
    static final long HEADER_BYTES_BASE = 64L << 10;
    /** The header bytes {@link #maxFloat32Bytes} allows per tensor (name, dtype, shape, offsets). */
    static final long HEADER_BYTES_PER_TENSOR = 4L << 10;
    /** The header key of the string-to-string metadata. */
    public static final String METADATA_KEY = "__metadata__";
    /** The one data type Seqcast reads and writes. */
    public static final String F32 = "F32";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Safetensors() {
    }

    /**
     * What a safetensors file holds.
     *
     * @param tensors  by name, in ascending offset order (the order they were written in)
     * @param metadata the {@code __metadata__} strings (empty when absent)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** The file's bytes for {@code tensors} (written in map order) and {@code metadata}. */
    public static byte[] write(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA_KEY);
            metadata.forEach((k, v) -> meta.put(requireName(k, "metadata key"), requireValue(k, v)));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = requireName(e.getKey(), "tensor name");
            if (name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
            }
            ObjectNode info = header.putObject(name);
            info.put("dtype", F32);
            ArrayNode shape = info.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
            long end = offset + 4L * e.getValue().size();
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a safetensors header", e);
        }
        int n = (json.length + 7) / 8 * 8;
        long total = 8L + n + offset;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the tensors need " + total + " bytes, more than one array holds");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(n).put(json);
        for (int k = json.length; k < n; k++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            out.asFloatBuffer().put(t.data());
            out.position(out.position() + 4 * t.size());
        }
        return out.array();
    }

    /**
     * The most bytes a file of {@code tensors} float32 tensors holding {@code values} values in all can take: the
     * data, the 8-byte length and a header of {@value #HEADER_BYTES_BASE} bytes plus {@value
     * #HEADER_BYTES_PER_TENSOR} per tensor (far more than names, shapes and offsets need). A reader that knows the
     * counts (a model file's manifest declares them) reads no more than this, whatever sizes a file claims.
     */
    public static long maxFloat32Bytes(long tensors, long values) {
        if (tensors < 0 || values < 0) {
            throw new IllegalArgumentException("tensor and value counts must be >= 0; got " + tensors + " and " + values);
        }
        long header = tensors > (MAX_HEADER_BYTES - HEADER_BYTES_BASE) / HEADER_BYTES_PER_TENSOR ? MAX_HEADER_BYTES
                : HEADER_BYTES_BASE + tensors * HEADER_BYTES_PER_TENSOR;
        return values > (Long.MAX_VALUE - 8 - header) / 4 ? Long.MAX_VALUE : 8 + header + 4 * values;
    }

    /** Writes {@code tensors} and {@code metadata} to {@code file} (replacing it atomically). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFile.write(file, write(tensors, metadata), file.toString());
    }

    /** Reads and checks a safetensors file. */
    public static Contents read(Path file) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(source, Files.isDirectory(file) ? "is a directory, not a safetensors file"
                    : "does not exist; check the path");
        }
        try {
            return read(Files.readAllBytes(file), source);
        } catch (IOException e) {
            throw new ModelFileException(source, "cannot be read (" + e + ")", e);
        }
    }

    /**
     * Reads and checks safetensors bytes.
     *
     * @param source how errors name the bytes, e.g. "model.seqcast (weights.safetensors)"
     * @throws ModelFileException naming {@code source} when the bytes are not a valid float32 safetensors file
     */
    public static Contents read(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw new ModelFileException(source, "has " + bytes.length + " bytes, too few for a safetensors file"
                    + " (it starts with an 8-byte header length): the file is truncated");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong(0);
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new ModelFileException(source, "header length " + Long.toUnsignedString(n) + " exceeds the "
                    + MAX_HEADER_BYTES + "-byte limit: not a safetensors file, or a damaged one");
        }
        if (n > bytes.length - 8L) {
            throw new ModelFileException(source, "header length " + n + " is beyond the end of the file ("
                    + bytes.length + " bytes): the file is truncated or not a safetensors file");
        }
        ObjectNode header = parseHeader(bytes, (int) n, source);
        int dataStart = 8 + (int) n;
        long dataLength = bytes.length - (long) dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals(METADATA_KEY)) {
                readMetadata(f.getValue(), metadata, source);
            } else {
                entries.add(Entry.parse(f.getKey(), f.getValue(), source));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin));
        checkCoverage(entries, dataLength, source);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            float[] values = new float[(int) ((e.end - e.begin) / 4)];
            ByteBuffer slice = ByteBuffer.wrap(bytes, dataStart + (int) e.begin, (int) (e.end - e.begin))
                    .slice().order(ByteOrder.LITTLE_ENDIAN);
            slice.asFloatBuffer().get(values);
            tensors.put(e.name, Tensor.wrap(values, e.shape));
        }
        return new Contents(tensors, metadata);
    }

    private static ObjectNode parseHeader(byte[] bytes, int n, String source) {
        String text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 8, n));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(source, "the header is not UTF-8 text: not a safetensors file, or a damaged one", e);
        }
        if (!text.startsWith("{")) {
            throw new ModelFileException(source, "the header does not start with '{': not a safetensors file,"
                    + " or a damaged one");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(source, "the header is not valid JSON (" + e.getOriginalMessage()
                    + "): the file is damaged", e);
        }
        if (!(node instanceof ObjectNode o)) {
            throw new ModelFileException(source, "the header is not a JSON object: the file is damaged");
        }
        return o;
    }

    private static void readMetadata(JsonNode node, Map<String, String> out, String source) {
        if (!node.isObject()) {
            throw new ModelFileException(source, METADATA_KEY + " must be an object of strings; got " + node.getNodeType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) {
                throw new ModelFileException(source, METADATA_KEY + " entry '" + f.getKey() + "' must be a string;"
                        + " got " + f.getValue());
            }
            out.put(f.getKey(), f.getValue().textValue());
        }
    }

    /** Sorted by begin: the tensors must tile [0, dataLength) exactly. */
    private static void checkCoverage(List<Entry> entries, long dataLength, String source) {
        long described = entries.stream().mapToLong(Entry::end).max().orElse(0);
        if (described > dataLength) {
            Entry last = entries.stream().max(Comparator.comparingLong(Entry::end)).orElseThrow();
            throw new ModelFileException(source, "the data section has " + dataLength + " bytes but the header"
                    + " describes " + described + " (tensor '" + last.name + "' ends at " + last.end
                    + "): the file is truncated; copy or save it again");
        }
        long covered = 0;
        Entry previous = null;
        for (Entry e : entries) {
            if (e.begin < covered) {
                throw new ModelFileException(source, "tensors '" + previous.name + "' " + previous.range() + " and '"
                        + e.name + "' " + e.range() + " overlap: the file is damaged");
            }
            if (e.begin > covered) {
                throw new ModelFileException(source, "data bytes [" + covered + ", " + e.begin + ") belong to no"
                        + " tensor (a gap before '" + e.name + "'): the file is damaged");
            }
            covered = e.end;
            previous = e;
        }
        if (covered < dataLength) {
            throw new ModelFileException(source, "data bytes [" + covered + ", " + dataLength + ") after the last"
                    + " tensor belong to no tensor: the file is damaged");
        }
    }

    /** One header entry, checked on its own. */
    private record Entry(String name, int[] shape, long begin, long end) {
        static Entry parse(String name, JsonNode info, String source) {
            String where = "tensor '" + name + "'";
            if (!info.isObject()) {
                throw new ModelFileException(source, where + " must be described by an object with dtype, shape and"
                        + " data_offsets; got " + info);
            }
            JsonNode dtype = info.get("dtype");
            if (dtype == null || !dtype.isTextual()) {
                throw new ModelFileException(source, where + " has no dtype string; got " + info);
            }
            if (!dtype.textValue().equals(F32)) {
                throw new ModelFileException(source, where + " has dtype " + dtype.textValue() + "; Seqcast reads F32"
                        + " (float32) only: convert the tensors to float32 before saving them (in PyTorch,"
                        + " {k: v.float() for k, v in state_dict.items()})");
            }
            int[] shape = shape(info.get("shape"), where, source);
            long[] offsets = offsets(info.get("data_offsets"), where, source);
            long bytes = 4;
            for (int d : shape) {
                bytes *= d;      // at most 2^31 per dimension and a checked rank: overflow is caught below
                if (bytes > Integer.MAX_VALUE) {
                    throw new ModelFileException(source, where + " of shape " + Arrays.toString(shape)
                            + " is too large for one array");
                }
            }
            if (offsets[1] - offsets[0] != bytes) {
                throw new ModelFileException(source, where + " of shape " + Arrays.toString(shape) + " needs " + bytes
                        + " bytes (4 per float32) but its data_offsets [" + offsets[0] + ", " + offsets[1] + "] span "
                        + (offsets[1] - offsets[0]) + ": the file is damaged");
            }
            return new Entry(name, shape, offsets[0], offsets[1]);
        }

        private static int[] shape(JsonNode node, String where, String source) {
            if (node == null || !node.isArray()) {
                throw new ModelFileException(source, where + " has no shape array");
            }
            int[] shape = new int[node.size()];
            for (int k = 0; k < shape.length; k++) {
                JsonNode d = node.get(k);
                if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                    throw new ModelFileException(source, where + " has shape " + node + "; sizes must be integers >= 0");
                }
                shape[k] = d.intValue();
            }
            if (shape.length == 0 || shape.length > 8 || Arrays.stream(shape).anyMatch(d -> d == 0)) {
                throw new ModelFileException(source, where + " has shape " + node + "; Seqcast tensors have 1 to 8"
                        + " dimensions, each at least 1");
            }
            return shape;
        }

        private static long[] offsets(JsonNode node, String where, String source) {
            if (node == null || !node.isArray() || node.size() != 2 || !node.get(0).canConvertToLong()
                    || !node.get(1).canConvertToLong() || !node.get(0).isIntegralNumber()
                    || !node.get(1).isIntegralNumber()) {
                throw new ModelFileException(source, where + " needs data_offsets [begin, end] of two integers; got "
                        + node);
            }
            long begin = node.get(0).longValue();
            long end = node.get(1).longValue();
            if (begin < 0 || end < begin) {
                throw new ModelFileException(source, where + " has data_offsets " + node + "; they need 0 <= begin <= end");
            }
            return new long[] {begin, end};
        }

        String range() {
            return "[" + begin + ", " + end + ")";
        }
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a safetensors " + what + " must not be empty");
        }
        return name;
    }

    private static String requireValue(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException("safetensors metadata '" + key + "' has no value");
        }
        return value;
    }
}
