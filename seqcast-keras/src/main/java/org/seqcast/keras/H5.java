package org.seqcast.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The importer's only contact with the HDF5 reader (jhdf): every call goes through {@link #guard}, which turns
 * whatever the reader throws on a truncated or corrupted file into a {@link KerasImportException} naming the
 * file and what was being read. Strings may be stored fixed- or variable-length, ASCII or UTF-8; jhdf returns
 * them all as Java strings.
 */
final class H5 {
    private H5() {
    }

    /** Opens an HDF5 file on disk and checks that it is complete. */
    static HdfFile open(Path path, String file) {
        return complete(guard(file, "the HDF5 file", () -> new HdfFile(path)), file);
    }

    /** Opens an HDF5 file held in memory (a .keras archive's model.weights.h5) and checks that it is complete. */
    static HdfFile open(byte[] bytes, String file) {
        return complete(guard(file, "the HDF5 file", () -> HdfFile.fromByteBuffer(ByteBuffer.wrap(bytes))), file);
    }

    /**
     * Refuses a file shorter than the end-of-file address its superblock records: a truncated file, even where
     * the part that is left would happen to hold every weight.
     */
    private static HdfFile complete(HdfFile h5, String file) {
        long expected = guard(file, "the HDF5 superblock", () -> {
            var sb = h5.getHdfBackingStorage().getSuperblock();
            return sb.getBaseAddressByte() + sb.getEndOfFileAddress();
        });
        long size = h5.size();
        if (size < expected) {
            h5.close();
            throw new KerasImportException(file, "the HDF5 file is truncated: it has " + size + " bytes, its"
                    + " superblock says " + expected);
        }
        return h5;
    }

    /**
     * Runs {@code op}, which reads {@code what}, and wraps any failure of the reader. A corrupted size field
     * makes the reader allocate a buffer as large as it claims; that OutOfMemoryError is caught here too (the
     * failed allocation held nothing) and reported as corruption.
     *
     * @throws KerasImportException "file: cannot read what: ..." with the reader's exception as the cause
     */
    static <T> T guard(String file, String what, Supplier<T> op) {
        try {
            return op.get();
        } catch (KerasImportException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new KerasImportException(file, "cannot read " + what + ": it claims a size larger than the memory"
                    + " available; the file is corrupted", e);
        } catch (RuntimeException | StackOverflowError e) {
            String detail = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            throw new KerasImportException(file, "cannot read " + what + " (" + detail + "); the file is truncated,"
                    + " corrupted or not written by Keras", e);
        }
    }

    /** A child group of {@code parent}, or null when there is none (or it is not a group). */
    static Group childGroup(Group parent, String name, String file) {
        return guard(file, parent.getPath() + name, () -> {
            Node n = parent.getChildren().get(name);
            return n instanceof Group g ? g : null;
        });
    }

    /** The node at {@code path} under {@code parent}, or null. */
    static Node node(Group parent, String path, String file) {
        return guard(file, parent.getPath() + path, () -> {
            Group g = parent;
            for (String part : path.split("/")) {
                Node n = part.isEmpty() ? g : g.getChildren().get(part);
                if (n == null) {
                    return null;
                }
                if (n instanceof Group child) {
                    g = child;
                } else {
                    return n;
                }
            }
            return g;
        });
    }

    /** A scalar string attribute, or null when absent. */
    static String string(Node node, String name, String file) {
        return guard(file, "attribute " + name + " of " + node.getPath(), () -> {
            Attribute a = node.getAttribute(name);
            if (a == null) {
                return null;
            }
            Object data = a.getData();
            if (data instanceof String s) {
                return s;
            }
            if (data instanceof String[] s && s.length == 1) {
                return s[0];
            }
            throw new KerasImportException(file, "attribute " + name + " of " + node.getPath() + " is not a string");
        });
    }

    /**
     * A string-list attribute such as {@code layer_names}, or null when absent. Keras splits long lists into
     * {@code name0}, {@code name1}, ... (save_attributes_to_hdf5_group); those are joined. An empty numeric
     * array, which Keras stores for a layer without weights, is an empty list.
     */
    static List<String> strings(Node node, String name, String file) {
        return guard(file, "attribute " + name + " of " + node.getPath(), () -> {
            if (node.getAttribute(name) != null) {
                return list(node.getAttribute(name), name, node, file);
            }
            if (node.getAttribute(name + "0") == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (int k = 0; node.getAttribute(name + k) != null; k++) {
                out.addAll(list(node.getAttribute(name + k), name + k, node, file));
            }
            return out;
        });
    }

    private static List<String> list(Attribute a, String name, Node node, String file) {
        if (a.isEmpty()) {
            return List.of();
        }
        Object data = a.getData();
        if (data instanceof String[] s) {
            return Arrays.asList(s);
        }
        if (data instanceof String s) {
            return List.of(s);
        }
        if (data.getClass().isArray() && Array.getLength(data) == 0) {
            return List.of();
        }
        throw new KerasImportException(file, "attribute " + name + " of " + node.getPath() + " is not a list of names");
    }

    /** A float32 or float64 dataset as float32 values with its shape. */
    static WeightArray floats(Dataset ds, String source, String file) {
        return guard(file, source, () -> {
            int[] shape = ds.getDimensions();
            Object flat = ds.isScalar() ? null : ds.getDataFlat();
            float[] values;
            if (flat instanceof float[] f) {
                values = f;
            } else if (flat instanceof double[] d) {
                values = new float[d.length];
                for (int k = 0; k < d.length; k++) {
                    values[k] = (float) d[k];
                }
            } else {
                throw new KerasImportException(file + " (" + source + ")", "the weight is stored as "
                        + (flat == null ? "a scalar" : ds.getJavaType().getSimpleName()) + "; Seqcast reads float32 and"
                        + " float64 weights");
            }
            int size = 1;
            for (int d : shape) {
                size *= d;
            }
            if (size != values.length) {
                throw new KerasImportException(file + " (" + source + ")", "the weight's shape "
                        + WeightArray.shapeText(shape) + " does not match its " + values.length + " values");
            }
            return new WeightArray(values, shape, source);
        });
    }
}
