package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.seqcast.nn.LayerSpec;

/**
 * What a network forecaster puts between its window (W, F) and its Dense head: the encoder, which turns the window
 * into one vector. Every other part of a network forecaster (windows, scaling, covariates and the decoder, the
 * training loop, quantiles, the model file, backtests, conformal intervals, ensembles) is shared, so an
 * architecture is only its layers here, chosen by {@link RnnConfig#architecture}.
 * <pre>
 *   recurrent   [cell(units) × layers, dropout after each]                        → h_W, the last state
 *   attention   [cell(units, return sequences) × layers, dropout after each]      → h_1..h_W
 *               Attention(use_scale): c_i = Σ_j softmax_j(s · h_i·h_j) h_j         (every state a query)
 *               GlobalAveragePooling1D: (1/W) Σ_i c_i                              → the context vector
 * </pre>
 * The attention encoder is the Keras pattern LSTM → Attention()([h, h]) → GlobalAveragePooling1D of the real model
 * lstm_attn_gap_k3_legacy.h5: every encoder state is a query (self-attention over the states, Luong's dot score
 * with a learned scale s, starting at 1), and the head reads the mean of the attended states, so the weights a_ij
 * an explanation shows are the full W × W matrix. A chain of layers, so without covariates the network is still a
 * {@code Sequential} and every tool that takes one (ONNX export, predict, integrated gradients) takes it.
 *
 * <p><b>Adding an architecture</b> (a Transformer encoder block: a Dense projection to d_model, positional
 * encodings, MultiHeadAttention and LayerNormalization with residual sums): one constant here, its registry name in
 * {@link #forecasterName} and its layers in {@link #encoder}. A block with residual sums is not a chain; it then
 * needs a graph fragment instead of a list of specs: {@link RnnForecaster#conditionedNetwork} already builds the
 * encoder as graph nodes (the one place to add {@code g.add} for residuals), and {@link RnnForecaster#network}
 * would route such an architecture to that graph even without covariates (an {@code RnnNetwork.Conditioned} with
 * the window as its only input). {@code Forecasters.entries()} registers every constant but {@link #RECURRENT}
 * for each cell it names.
 */
public enum Architecture {
    /** Stacked recurrent layers, the last state to the head. */
    RECURRENT("recurrent"),
    /** Stacked recurrent layers returning sequences, self-attention over their states, the mean to the head. */
    ATTENTION("attention");

    private final String label;

    Architecture(String label) {
        this.label = label;
    }

    /** The name in settings, model files and on the command line. */
    public String label() {
        return label;
    }

    /** The forecaster's name for {@code cell}: the cell's ({@code lstm}) or with this suffix ({@code lstm-attention}). */
    public String forecasterName(Cell cell) {
        return this == RECURRENT ? cell.label() : cell.label() + "-" + label;
    }

    /** The encoder's layers for {@code c} (its cell, units, layers and dropout): the window to one vector. */
    public List<LayerSpec> encoder(RnnConfig c) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            boolean sequences = this != RECURRENT || l < c.layers() - 1;
            layers.add(c.cell().spec(c.units()).returnSequences(sequences));
            if (c.dropout() > 0) {
                layers.add(new LayerSpec.Dropout(c.dropout()));
            }
        }
        switch (this) {
            case RECURRENT -> { }
            case ATTENTION -> {
                layers.add(new LayerSpec.Attention(true, false));
                layers.add(new LayerSpec.GlobalAveragePooling1d());
            }
        }
        return layers;
    }

    /** An architecture by its label (recurrent, attention). */
    public static Architecture parse(String text) {
        for (Architecture a : values()) {
            if (a.label.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + text + "'; use "
                + Arrays.stream(values()).map(Architecture::label).toList());
    }
}
