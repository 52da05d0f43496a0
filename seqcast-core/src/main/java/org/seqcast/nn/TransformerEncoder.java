package org.seqcast.nn;

import org.seqcast.nn.kernels.Activation;

/**
 * The Transformer encoder block of Vaswani et al. (2017), PyTorch's {@code nn.TransformerEncoderLayer(d_model,
 * nhead, dim_feedforward, dropout=0, activation="relu", batch_first=True, norm_first)}, built into a {@link Graph}
 * from the layer vocabulary: {@link LayerSpec.MultiHeadAttention} (self-attention, key_dim = d_model / heads),
 * residual {@link Graph.Builder#add sums}, {@link LayerSpec.LayerNormalization} and a feed-forward pair of
 * {@link LayerSpec.Dense} layers applied to every step. On a sequence node x (T, d_model), d_model = x's features:
 * <pre>
 *   post-norm (preNorm false, the paper's and PyTorch's default):
 *     h = LN1(x + MHA(x))                       y = LN2(h + FF(h))
 *   pre-norm (preNorm true, norm_first=True):
 *     h = x + MHA(LN1(x))                       y = h + FF(LN2(h))
 *   FF(z) = W2 act(W1 z + b1) + b2              W1 (ffUnits, d_model), W2 (d_model, ffUnits), act relu by default
 * </pre>
 * The nodes of a block called {@code name} are {@code name_mha}, {@code name_attn_add}, {@code name_norm1},
 * {@code name_ff1}, {@code name_ff2}, {@code name_ff_add} and {@code name_norm2}, so its parameters are
 * {@code name_mha.query_kernel}, ..., {@code name_norm1.weight}, {@code name_ff1.weight}, ... The golden test
 * (tools/golden/generate_transformer_torch.py, GoldenTransformerTorchTest) holds both variants to PyTorch's
 * {@code nn.TransformerEncoderLayer} with its parameters mapped as {@link LayerSpec.MultiHeadAttention} documents.
 * Dropout is not part of the block (PyTorch's with dropout=0).
 *
 * <p>A forecaster builds a stack on an embedded window, e.g.:
 * <pre>{@code
 * Graph.Builder g = Graph.builder().seed(seed);
 * Graph.Node x = g.input("x", window, features);
 * Graph.Node h = g.layer("embed", new LayerSpec.Dense(dModel), x);                 // per step: (T, d_model)
 * h = g.layer("position", new LayerSpec.SinusoidalPositionalEncoding(), h);
 * TransformerEncoder.Block block = new TransformerEncoder.Block(heads, 4 * dModel, true);
 * h = TransformerEncoder.stack(g, "enc", h, layers, block);                         // enc0_..., enc1_...
 * Graph.Node last = g.lastStep("last", h);                                           // or GlobalAveragePooling1D
 * g.output("y", g.layer("head", new LayerSpec.Dense(horizon), last), Loss.mse());
 * }</pre>
 * A pre-norm stack's output is not normalized; PyTorch's {@code nn.TransformerEncoder(norm=LayerNorm)} adds one
 * LayerNormalization after the last block, which {@link #stack} does for pre-norm blocks.
 */
public final class TransformerEncoder {
    private TransformerEncoder() {
    }

    /**
     * One block's settings, validated.
     *
     * @param heads      attention heads N ≥ 1; d_model must be a multiple of N (key_dim = d_model / N)
     * @param ffUnits    the feed-forward layer's width (PyTorch's dim_feedforward), ≥ 1
     * @param preNorm    layer normalization before each sub-layer (PyTorch's norm_first) instead of after the sum
     * @param causal     each step attends only to itself and earlier steps (MultiHeadAttention's causal mask)
     * @param epsilon    the layer normalizations' ε; PyTorch's is 1e-5 (Keras's LayerNormalization default 1e-3)
     * @param activation the feed-forward activation; null: relu (PyTorch's default)
     */
    public record Block(int heads, int ffUnits, boolean preNorm, boolean causal, double epsilon, Activation activation) {
        /** PyTorch's layer-norm ε in nn.TransformerEncoderLayer. */
        public static final double DEFAULT_EPSILON = 1e-5;

        public Block {
            if (heads < 1) {
                throw new IllegalArgumentException("transformer block heads must be a positive integer; got " + heads);
            }
            if (ffUnits < 1) {
                throw new IllegalArgumentException("transformer block ff_units must be a positive integer; got " + ffUnits);
            }
            new LayerSpec.LayerNormalization(epsilon);                                    // checks ε
            activation = activation == null ? Activation.RELU : activation;
        }

        /** Not causal, PyTorch's ε and relu. */
        public Block(int heads, int ffUnits, boolean preNorm) {
            this(heads, ffUnits, preNorm, false, DEFAULT_EPSILON, null);
        }

        public Block causal(boolean value) {
            return new Block(heads, ffUnits, preNorm, value, epsilon, activation);
        }

        public Block epsilon(double value) {
            return new Block(heads, ffUnits, preNorm, causal, value, activation);
        }

        public Block activation(Activation value) {
            return new Block(heads, ffUnits, preNorm, causal, epsilon, value);
        }

        /** The attention layer of a block on d_model features: N heads of d_model / N. */
        public LayerSpec.MultiHeadAttention attention(int dModel) {
            if (dModel % heads != 0) {
                throw new IllegalArgumentException("transformer block: d_model " + dModel + " (the input's features) must"
                        + " be a multiple of heads " + heads + "; embed the input to a multiple of the heads first");
            }
            return new LayerSpec.MultiHeadAttention(heads, dModel / heads).causal(causal);
        }
    }

    /** One post- or pre-norm block on the sequence node {@code input}, with relu, ε 1e-5 and no causal mask. */
    public static Graph.Node block(Graph.Builder g, String name, Graph.Node input, int heads, int ffUnits,
                                   boolean preNorm) {
        return block(g, name, input, new Block(heads, ffUnits, preNorm));
    }

    /** One block on the sequence node {@code input} (T, d_model); returns its output node (T, d_model). */
    public static Graph.Node block(Graph.Builder g, String name, Graph.Node input, Block block) {
        int[] shape = input.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("transformer block '" + name + "' needs a sequence node (timesteps,"
                    + " features); '" + input.name() + "' has " + StateDicts.shape(shape));
        }
        int dModel = shape[1];
        LayerSpec.LayerNormalization norm = new LayerSpec.LayerNormalization(block.epsilon());
        LayerSpec.MultiHeadAttention attention = block.attention(dModel);
        Graph.Node h;
        if (block.preNorm()) {
            Graph.Node n1 = g.layer(name + "_norm1", norm, input);                           // LN1(x)
            h = g.add(name + "_attn_add", input, g.layer(name + "_mha", attention, n1));     // h = x + MHA(LN1(x))
            Graph.Node n2 = g.layer(name + "_norm2", norm, h);                               // LN2(h)
            return g.add(name + "_ff_add", h, feedForward(g, name, n2, dModel, block));      // y = h + FF(LN2(h))
        }
        Graph.Node sum = g.add(name + "_attn_add", input, g.layer(name + "_mha", attention, input));
        h = g.layer(name + "_norm1", norm, sum);                                             // h = LN1(x + MHA(x))
        Graph.Node sum2 = g.add(name + "_ff_add", h, feedForward(g, name, h, dModel, block));
        return g.layer(name + "_norm2", norm, sum2);                                         // y = LN2(h + FF(h))
    }

    /**
     * {@code layers} blocks in a row, named {@code name0}, {@code name1}, ...; after pre-norm blocks a final
     * LayerNormalization {@code name_norm} (PyTorch's nn.TransformerEncoder with norm=LayerNorm).
     */
    public static Graph.Node stack(Graph.Builder g, String name, Graph.Node input, int layers, Block block) {
        if (layers < 1) {
            throw new IllegalArgumentException("transformer stack '" + name + "' needs layers >= 1; got " + layers);
        }
        Graph.Node h = input;
        for (int k = 0; k < layers; k++) {
            h = block(g, name + k, h, block);
        }
        return block.preNorm() ? g.layer(name + "_norm", new LayerSpec.LayerNormalization(block.epsilon()), h) : h;
    }

    /** FF(z) = W2 act(W1 z + b1) + b2, Dense on every step. */
    private static Graph.Node feedForward(Graph.Builder g, String name, Graph.Node z, int dModel, Block block) {
        Graph.Node f1 = g.layer(name + "_ff1", new LayerSpec.Dense(block.ffUnits()).activation(block.activation()), z);
        return g.layer(name + "_ff2", new LayerSpec.Dense(dModel), f1);
    }
}
