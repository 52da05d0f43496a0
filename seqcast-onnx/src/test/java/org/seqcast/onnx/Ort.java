package org.seqcast.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** An ONNX Runtime session over exported bytes, fed and read as flat float arrays. */
final class Ort implements AutoCloseable {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private final OrtSession session;

    Ort(byte[] model) throws OrtException {
        this.session = ENV.createSession(model, new OrtSession.SessionOptions());
    }

    OrtSession session() {
        return session;
    }

    /** A float32 input: its name, flat row-major values and shape. */
    record In(String name, float[] values, long... shape) {
    }

    /** The first output, flat. */
    float[] run(In... inputs) throws OrtException {
        return run(null, inputs);
    }

    /** The output {@code output} (null: the first), flat. */
    float[] run(String output, In... inputs) throws OrtException {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (In in : inputs) {
                feed.put(in.name(), OnnxTensor.createTensor(ENV, FloatBuffer.wrap(in.values()), in.shape()));
            }
            try (OrtSession.Result r = session.run(feed)) {
                OnnxValue v = output == null ? r.get(0) : r.get(output).orElseThrow();
                FloatBuffer buf = ((OnnxTensor) v).getFloatBuffer();
                float[] out = new float[buf.remaining()];
                buf.get(out);
                return out;
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
