package org.seqcast.onnx;

import java.util.List;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.onnx.proto.OnnxProto.AttributeProto;

/**
 * An {@link Activation} as ONNX names it: the function name used in the {@code activations} attribute of
 * LSTM, GRU and RNN and, apart from linear, as a stand-alone operator after Dense.
 * <pre>
 *   Seqcast              ONNX                                  parameters
 *   linear               Affine (recurrent) / no node (Dense)  alpha 1, beta 0
 *   relu                 Relu
 *   tanh                 Tanh
 *   sigmoid              Sigmoid
 *   hard_sigmoid         HardSigmoid                           alpha 1/6, beta 0.5   (Keras 3, relu6(x + 3)/6)
 *   hard_sigmoid_keras2  HardSigmoid                           alpha 0.2, beta 0.5   (Keras 2, ONNX's defaults)
 *   softmax              Softmax (Dense, Conv1D only)          its axis: the layer's outputs
 * </pre>
 *
 * @param name  the ONNX function or operator name
 * @param alpha its alpha, or NaN when it takes none
 * @param beta  its beta, or NaN when it takes none
 */
record OnnxActivation(String name, float alpha, float beta) {
    OnnxActivation {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an ONNX activation needs a name");
        }
        if (Float.isNaN(alpha) != Float.isNaN(beta)) {
            throw new IllegalArgumentException(name + " needs both alpha and beta or neither");
        }
    }

    static OnnxActivation of(Activation a) {
        return switch (a) {
            case LINEAR -> new OnnxActivation("Affine", 1f, 0f);
            case RELU -> plain("Relu");
            case TANH -> plain("Tanh");
            case SIGMOID -> plain("Sigmoid");
            case HARD_SIGMOID -> new OnnxActivation("HardSigmoid", 1f / 6f, 0.5f);
            case HARD_SIGMOID_KERAS2 -> new OnnxActivation("HardSigmoid", 0.2f, 0.5f);
            case SOFTMAX -> plain("Softmax");
        };
    }

    private static OnnxActivation plain(String name) {
        return new OnnxActivation(name, Float.NaN, Float.NaN);
    }

    boolean hasParameters() {
        return !Float.isNaN(alpha);
    }

    /**
     * The {@code activations}, {@code activation_alpha} and {@code activation_beta} attributes of a recurrent
     * operator for these functions in the operator's order. The alpha and beta lists hold entries only for the
     * functions that take parameters, in order, which is how ONNX Runtime consumes them.
     */
    static List<AttributeProto> recurrentAttributes(List<OnnxActivation> functions) {
        String[] names = functions.stream().map(OnnxActivation::name).toArray(String[]::new);
        List<OnnxActivation> withParams = functions.stream().filter(OnnxActivation::hasParameters).toList();
        if (withParams.isEmpty()) {
            return List.of(GraphBuilder.stringsAttr("activations", names));
        }
        float[] alphas = new float[withParams.size()];
        float[] betas = new float[withParams.size()];
        for (int k = 0; k < alphas.length; k++) {
            alphas[k] = withParams.get(k).alpha();
            betas[k] = withParams.get(k).beta();
        }
        return List.of(GraphBuilder.stringsAttr("activations", names),
                GraphBuilder.floatsAttr("activation_alpha", alphas), GraphBuilder.floatsAttr("activation_beta", betas));
    }
}
