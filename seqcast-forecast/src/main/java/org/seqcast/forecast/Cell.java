package org.seqcast.forecast;

import java.util.Locale;
import org.seqcast.nn.Recurrent;
import org.seqcast.nn.SimpleRNN;

/** The recurrent cell of a neural forecaster. */
public enum Cell {
    LSTM, GRU, RNN;

    /** A new layer of this cell with {@code units} hidden units. */
    public Recurrent layer(int units) {
        return switch (this) {
            case LSTM -> new org.seqcast.nn.LSTM(units);
            case GRU -> new org.seqcast.nn.GRU(units);
            case RNN -> new SimpleRNN(units);
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Cell parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "lstm" -> LSTM;
            case "gru" -> GRU;
            case "rnn", "simplernn", "simple-rnn" -> RNN;
            default -> throw new IllegalArgumentException("unknown cell '" + text + "'; use lstm, gru or rnn");
        };
    }
}
