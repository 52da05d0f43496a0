package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.TransformerEncoder;

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
 *   transformer e_t = W_e x_t + b_e + PE_t   (d_model = units, sinusoidal PE)       per step, then dropout
 *               [pre-norm TransformerEncoder block × layers], final LayerNorm   → z_1..z_W
 *               GlobalAveragePooling1D: (1/W) Σ_t z_t                              → the context vector
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
 *
 * <p><b>The transformer</b> ({@link #TRANSFORMER}, registry name {@code transformer}; the cell is not used) is
 * such a graph ({@link #graph()}): {@link #encode} adds its nodes {@code projection} (Dense(units) on every step),
 * {@code position} (sinusoidal, no parameters, so any window length works), {@code dropout} (with dropout &gt; 0),
 * the blocks {@code enc0}, {@code enc1}, ... of {@link TransformerEncoder} and {@code enc_norm}, then
 * {@code pool}, the mean over the steps as the attention encoder's. Its defaults and why: d_model = units (32 by
 * default, the recurrent networks' width, so presets and ensembles size it the same way), {@value #HEADS} heads of
 * units / {@value #HEADS} (key size 8 at 32: several views of the window without heads too narrow to score; fewer
 * heads when units is not a multiple of {@value #HEADS}, {@link #heads}), feed-forward width
 * {@value #FF_MULTIPLE}·units (the paper's 4· would double the block's parameters on series of tens to hundreds of
 * points; not measured), pre-norm blocks (PyTorch's norm_first: trains
 * without a warm-up schedule, which the shared training loop does not have by default), no causal mask (the
 * encoder sees the whole window; only the head forecasts), blocks = layers (1 by default: one block of about
 * 9,000 parameters at units 32 already outnumbers the windows of a small data set). Mean pooling rather than the
 * last step: every step's encoding reaches the head the same way, as in the attention encoder, so the attention
 * weights an explanation shows read the same way for both.
 */
public enum Architecture {
    /** Stacked recurrent layers, the last state to the head. */
    RECURRENT("recurrent"),
    /** Stacked recurrent layers returning sequences, self-attention over their states, the mean to the head. */
    ATTENTION("attention"),
    /** A Dense projection, sinusoidal positions, pre-norm Transformer encoder blocks, the mean to the head. */
    TRANSFORMER("transformer");

    /** The transformer's attention heads (fewer when units is not a multiple: {@link #heads}). */
    public static final int HEADS = 4;
    /** The transformer's feed-forward width as a multiple of units (d_model). */
    public static final int FF_MULTIPLE = 2;

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
        return switch (this) {
            case RECURRENT -> cell.label();
            case ATTENTION -> cell.label() + "-" + label;
            case TRANSFORMER -> label;
        };
    }

    /**
     * Whether the encoder is a graph (residual sums) rather than a chain of layers: its network is then always a
     * {@link Graph} ({@link RnnNetwork.Conditioned}, with the window as its only input when there are no future-known
     * or static covariates), built by {@link #encode}.
     */
    public boolean graph() {
        return this == TRANSFORMER;
    }

    /**
     * The transformer's heads for d_model = units: gcd(units, {@value #HEADS}), so that they split d_model evenly
     * ({@value #HEADS} at any multiple of {@value #HEADS}, 2 at units 2, 6, 10, ..., 1 at odd units).
     */
    public static int heads(int units) {
        return java.math.BigInteger.valueOf(units).gcd(java.math.BigInteger.valueOf(HEADS)).intValue();
    }

    /**
     * The encoder's nodes on the window node {@code x} (W, F) of a graph: the layers of {@link #encoder} named
     * {@code rnn0, dropout0, rnn1, ...} (attention layers by their kind), or the transformer's; returns the node the
     * head (or a decoder) reads, one vector per row.
     */
    public Graph.Node encode(Graph.Builder g, Graph.Node x, RnnConfig c) {
        if (this == TRANSFORMER) {
            return transformer(g, x, c);
        }
        Graph.Node h = x;
        int recurrent = 0;
        for (LayerSpec s : encoder(c)) {
            String name = s instanceof LayerSpec.Recurrent ? "rnn" + recurrent++
                    : s instanceof LayerSpec.Dropout ? "dropout" + (recurrent - 1) : s.kind().type();
            h = g.layer(name, s, h);
        }
        return h;
    }

    /** The transformer block every layer of the encoder repeats, for d_model = units. */
    public static TransformerEncoder.Block transformerBlock(RnnConfig c) {
        return new TransformerEncoder.Block(heads(c.units()), FF_MULTIPLE * c.units(), true);
    }

    private static Graph.Node transformer(Graph.Builder g, Graph.Node x, RnnConfig c) {
        TransformerEncoder.Block block = transformerBlock(c);
        Graph.Node h = g.layer("projection", new LayerSpec.Dense(c.units()), x);          // W_e x_t + b_e   (W, d)
        h = g.layer("position", new LayerSpec.SinusoidalPositionalEncoding(), h);          // e_t = ... + PE_t
        if (c.dropout() > 0) {
            h = g.layer("dropout", new LayerSpec.Dropout(c.dropout()), h);
        }
        h = TransformerEncoder.stack(g, "enc", h, c.layers(), block);                       // z_1..z_W     (W, d)
        return g.layer("pool", new LayerSpec.GlobalAveragePooling1d(), h);                 // (1/W) Σ_t z_t (d)
    }

    /**
     * The encoder's layers for {@code c} (its cell, units, layers and dropout): the window to one vector.
     *
     * @throws IllegalArgumentException for an architecture whose encoder is a {@link #graph()}
     */
    public List<LayerSpec> encoder(RnnConfig c) {
        if (graph()) {
            throw new IllegalArgumentException("architecture " + label + " has residual sums, so its encoder is a"
                    + " graph, not a chain of layers; build it with encode");
        }
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
            case TRANSFORMER -> throw new IllegalStateException("checked above");
        }
        return layers;
    }

    /** An architecture by its label (recurrent, attention, transformer). */
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
