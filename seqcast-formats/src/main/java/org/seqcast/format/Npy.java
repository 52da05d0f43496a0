package org.seqcast.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seqcast.tensor.Tensor;

/**
 * NumPy's {@code .npy} format (version 1.0, 2.0 and 3.0): the magic {@code \x93NUMPY}, a version, a header length
 * (2 bytes in 1.0, 4 bytes after), a Python-literal header {@code {'descr': '<f4', 'fortran_order': False,
 * 'shape': (2, 3), }} padded with spaces to a multiple of 64 bytes, then the C-order data. Reads little-endian
 * float32 and float64 ({@code <f4}, {@code <f8}) into a float32 {@link Tensor}; writes {@code <f4}.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Reads an array; errors name the file and what is wrong. */
    public static Tensor read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    public static Tensor read(byte[] bytes, String source) {
        if (bytes.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IllegalArgumentException(source + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int start;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(source + ": truncated .npy header");
            }
            headerLength = b.getInt(8) & 0xffffffffL;
            start = 12;
        } else {
            throw new IllegalArgumentException(source + ": .npy format version " + major + " is not supported (1, 2, 3 are)");
        }
        if (start + headerLength > bytes.length) {
            throw new IllegalArgumentException(source + ": truncated .npy header (" + headerLength + " bytes announced)");
        }
        String header = new String(bytes, start, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr", source);
        if (group(FORTRAN, header, "fortran_order", source).equals("True")) {
            throw new IllegalArgumentException(source + ": Fortran-order arrays are not supported; save with "
                    + "np.ascontiguousarray(x)");
        }
        List<Integer> shape = new ArrayList<>();
        for (String d : group(SHAPE, header, "shape", source).split(",")) {
            if (!d.isBlank()) {
                shape.add(Integer.parseInt(d.trim()));
            }
        }
        int width = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new IllegalArgumentException(source + ": dtype '" + descr + "' is not supported; "
                    + "use float32 ('<f4') or float64 ('<f8'), e.g. x.astype(np.float32)");
        };
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        int data = start + (int) headerLength;
        if (bytes.length - data != count * width) {
            throw new IllegalArgumentException(source + ": shape " + shape + " of " + descr + " needs " + count * width
                    + " data bytes but the file has " + (bytes.length - data) + " (truncated or damaged)");
        }
        float[] out = new float[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = width == 4 ? b.getFloat(data + 4 * i) : (float) b.getDouble(data + 8 * i);
        }
        return Tensor.wrap(out, shape.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Writes {@code t} as a version 1.0 {@code <f4} array, atomically. */
    public static void write(Tensor t, Path file) throws IOException {
        AtomicFile.write(file, toBytes(t), file.toString());
    }

    /** {@code t} as the bytes of a version 1.0 {@code <f4} .npy file. */
    public static byte[] toBytes(Tensor t) {
        StringBuilder shape = new StringBuilder();
        for (int d : t.shape()) {
            shape.append(d).append(", ");
        }
        String dims = t.rank() == 1 ? t.dim(0) + "," : shape.substring(0, Math.max(0, shape.length() - 2));
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + 4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        for (float v : t.data()) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static String group(Pattern p, String header, String key, String source) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(source + ": the .npy header has no '" + key + "': " + header.trim());
        }
        return m.group(1);
    }
}
