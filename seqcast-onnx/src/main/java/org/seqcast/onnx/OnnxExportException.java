package org.seqcast.onnx;

/**
 * A model or option that cannot be exported to ONNX; the message names the layer, series or setting and says
 * why, e.g. {@code layer 1 (MyLayer, com.example.MyLayer) has no ONNX mapping; only LSTM, GRU, SimpleRNN, Dense
 * and Dropout layers can be exported}. Failures to write the file are {@link java.io.UncheckedIOException}s.
 */
public final class OnnxExportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public OnnxExportException(String message) {
        super(message);
    }
}
