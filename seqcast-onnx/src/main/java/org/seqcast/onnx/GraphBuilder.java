package org.seqcast.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.seqcast.onnx.proto.OnnxProto.AttributeProto;
import org.seqcast.onnx.proto.OnnxProto.GraphProto;
import org.seqcast.onnx.proto.OnnxProto.NodeProto;
import org.seqcast.onnx.proto.OnnxProto.TensorProto;
import org.seqcast.onnx.proto.OnnxProto.TensorShapeProto;
import org.seqcast.onnx.proto.OnnxProto.TypeProto;
import org.seqcast.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Appends nodes, initializers, inputs and outputs to an ONNX {@link GraphProto}, giving every value a unique
 * name. Initializers are stored as little-endian {@code raw_data}, as ONNX requires. The small helpers
 * ({@link #slice}, {@link #squeeze}, ...) build the opset-13+ forms whose axes and bounds are int64 inputs
 * rather than attributes.
 */
final class GraphBuilder {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    GraphBuilder(String name) {
        graph.setName(name);
    }

    /** A name not used yet, {@code hint} itself if free, else {@code hint_2}, {@code hint_3}, ... */
    String fresh(String hint) {
        String name = hint;
        for (int k = 2; !names.add(name); k++) {
            name = hint + "_" + k;
        }
        return name;
    }

    /** Declares a graph input of element type {@code elemType} ({@link TensorProto.DataType}); a dim is an Integer (fixed) or a String (symbolic). */
    void input(String name, TensorProto.DataType elemType, Object... dims) {
        if (!names.add(name)) {
            throw new IllegalStateException("duplicate value name " + name);
        }
        graph.addInput(valueInfo(name, elemType, dims));
    }

    /** Declares {@code value} as a graph output (it must already be produced by a node). */
    void output(String value, TensorProto.DataType elemType, Object... dims) {
        graph.addOutput(valueInfo(value, elemType, dims));
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType elemType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            if (d instanceof Integer i) {
                shape.addDimBuilder().setDimValue(i);
            } else {
                shape.addDimBuilder().setDimParam((String) d);
            }
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(elemType.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    /** A float32 initializer of shape {@code dims} holding {@code values} (row-major). */
    String floats(String hint, float[] values, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return initializer(hint, TensorProto.DataType.FLOAT, buf, dims);
    }

    /** A float64 initializer. */
    String doubles(String hint, double[] values, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(values);
        return initializer(hint, TensorProto.DataType.DOUBLE, buf, dims);
    }

    /** A one-dimensional int64 initializer (axes, starts, ends, indices). */
    String longs(String hint, long... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return initializer(hint, TensorProto.DataType.INT64, buf, values.length);
    }

    private String initializer(String hint, TensorProto.DataType type, ByteBuffer data, long... dims) {
        String name = fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(data.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Adds a node with one output named after {@code hint} and returns that output's name. */
    String node(String op, String hint, List<String> inputs, AttributeProto... attributes) {
        return node(op, inputs, List.of(fresh(hint)), attributes).get(0);
    }

    /** Adds a node whose outputs are already named ("" for an optional output left out); returns them. */
    List<String> node(String op, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(fresh(op + "_node"))
                .addAllInput(inputs).addAllOutput(outputs);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return outputs;
    }

    /** x[..., start:end, ...] along one axis. */
    String slice(String x, int axis, long start, long end, String hint) {
        return node("Slice", hint, List.of(x, longs("starts", start), longs("ends", end), longs("axes", axis)));
    }

    String squeeze(String x, int axis, String hint) {
        return node("Squeeze", hint, List.of(x, longs("axes", axis)));
    }

    String unsqueeze(String x, int axis, String hint) {
        return node("Unsqueeze", hint, List.of(x, longs("axes", axis)));
    }

    String cast(String x, TensorProto.DataType to, String hint) {
        return node("Cast", hint, List.of(x), intAttr("to", to.getNumber()));
    }

    /** Swaps the first two axes of a rank-3 tensor: batch-first (B, T, F) and time-major (T, B, F). */
    String swapBatchTime(String x, String hint) {
        return node("Transpose", hint, List.of(x), intsAttr("perm", 1, 0, 2));
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto intsAttr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto floatsAttr(String name, float... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS);
        for (float v : values) {
            a.addFloats(v);
        }
        return a.build();
    }

    static AttributeProto stringAttr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    static AttributeProto stringsAttr(String name, String... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.STRINGS);
        for (String v : values) {
            a.addStrings(ByteString.copyFromUtf8(v));
        }
        return a.build();
    }

    /** Sets the graph's documentation string. */
    void docString(String text) {
        graph.setDocString(text);
    }

    GraphProto build() {
        return graph.build();
    }
}
