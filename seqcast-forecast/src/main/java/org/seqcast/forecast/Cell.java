package org.seqcast.forecast;

import java.util.Locale;
import org.seqcast.nn.LayerSpec;

/**
 * The recurrent cell of a neural forecaster: a name for each recurrent kind of {@link LayerSpec} (lstm, gru, rnn
 * as {@link LayerSpec.Kind#type()} spells them). {@link #spec} and {@link #of} map to and from the specs; both
 * are exhaustive, so a new recurrent kind makes the compiler ask for its cell here.
 */
public enum Cell {
    LSTM(LayerSpec.Kind.LSTM), GRU(LayerSpec.Kind.GRU), RNN(LayerSpec.Kind.SIMPLE_RNN);

    private final LayerSpec.Kind kind;

    Cell(LayerSpec.Kind kind) {
        this.kind = kind;
    }

    /** The spec of one layer of this cell with {@code units} hidden units, every other option at its default. */
    public LayerSpec.Recurrent spec(int units) {
        return switch (this) {
            case LSTM -> new LayerSpec.Lstm(units);
            case GRU -> new LayerSpec.Gru(units);
            case RNN -> new LayerSpec.SimpleRnn(units);
        };
    }

    /** The cell of a recurrent spec. */
    public static Cell of(LayerSpec.Recurrent spec) {
        return spec.acceptRecurrent(new LayerSpec.RecurrentVisitor<>() {
            @Override
            public Cell lstm(LayerSpec.Lstm s) {
                return LSTM;
            }

            @Override
            public Cell gru(LayerSpec.Gru s) {
                return GRU;
            }

            @Override
            public Cell simpleRnn(LayerSpec.SimpleRnn s) {
                return RNN;
            }
        });
    }

    /** The name in settings and on the command line: the spec's type name. */
    public String label() {
        return kind.type();
    }

    /** The layer kind of this cell. */
    public LayerSpec.Kind kind() {
        return kind;
    }

    /** A cell by its name (lstm, gru, rnn; simplernn and simple-rnn are read as rnn). */
    public static Cell parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Cell c : values()) {
            if (c.label().equals(t) || c.kind.className().toLowerCase(Locale.ROOT).equals(t)) {
                return c;
            }
        }
        if (t.equals("simple-rnn")) {
            return RNN;
        }
        throw new IllegalArgumentException("unknown cell '" + text + "'; use " + names());
    }

    /** "lstm, gru or rnn", for messages and help. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        Cell[] all = values();
        for (int k = 0; k < all.length; k++) {
            sb.append(k == 0 ? "" : k == all.length - 1 ? " or " : ", ").append(all[k].label());
        }
        return sb.toString();
    }
}
