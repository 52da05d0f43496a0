package org.seqcast.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.optim.AdamW;
import org.seqcast.optim.Optimizer;
import org.seqcast.optim.RMSprop;
import org.seqcast.optim.SGD;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;

/**
 * Seqcast against PyTorch (fixtures from tools/golden/generate_torch.py and, for Bidirectional and RepeatVector layers,
 * generate_wrappers_torch.py, computed in float64 from float32
 * inputs): outputs to 1e-5 relative, every parameter gradient to 1e-4 relative, and the losses of 10
 * full-batch optimizer steps (Adam, SGD with momentum and Nesterov, RMSprop, AdamW) run through {@link Sequential#fit} to 1e-4 relative.
 */
class GoldenTorchTest {
    private static final double OUTPUT_TOL = 1e-5;
    private static final double GRAD_TOL = 1e-4;
    private static final double LOSS_TOL = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"lstm_last", "lstm_sequences", "gru_last_huber", "gru_reset_before",
        "gru_stacked_sequences", "rnn_tanh_mae", "rnn_relu", "stacked_lstm_gru", "tutorial",
        "opt_sgd_momentum", "opt_sgd_nesterov", "opt_rmsprop", "opt_adamw",
        // Bidirectional, RepeatVector (tools/golden/generate_wrappers_torch.py)
        "bidir_lstm_concat_last", "bidir_gru_sum_sequences", "bidir_rnn_mul_last", "bidir_stacked_ave",
        "repeat_vector_encoder_decoder"})
    void matchesPyTorch(String name) {
        GoldenFixture f = GoldenFixture.load(name);
        Sequential model = f.model(2);
        Tensor x = f.x();
        Tensor y = f.y();
        model.compile(Loss.of(f.root.get("loss").asText()), optimizer(f.root.get("optimizer")));

        Tensor out = model.predict(x);
        assertArrayEquals(f.tensor(f.root.get("output")).shape(), out.shape(), name + ": output shape");
        assertClose(name + " output", GoldenFixture.doubles(f.root.get("output")), out.data(), OUTPUT_TOL);

        double loss = model.computeGradients(x, y);
        assertClose(name + " loss", new double[] {f.root.get("loss_value").asDouble()}, new float[] {(float) loss}, OUTPUT_TOL);
        Map<String, double[]> expectedGrads = f.doubleTensors("grads");
        Map<String, Tensor> grads = model.gradients();
        assertEquals(expectedGrads.keySet(), grads.keySet(), name + ": gradient names");
        expectedGrads.forEach((k, g) -> assertClose(name + " d" + k, g, grads.get(k).data(), GRAD_TOL));

        double[] expectedLosses = GoldenFixture.doubles(f.root.get("optimizer").get("losses"));
        History h = model.fit(x, y, FitOptions.builder().epochs(expectedLosses.length).batchSize(x.dim(0))
                .shuffle(false).build());
        assertFalse(h.diverged());
        double[] got = h.loss();
        for (int k = 0; k < expectedLosses.length; k++) {
            double rel = Math.abs(got[k] - expectedLosses[k]) / Math.abs(expectedLosses[k]);
            assertTrue(rel < LOSS_TOL, name + ": optimizer step " + k + " loss " + got[k] + " vs PyTorch "
                    + expectedLosses[k] + " (relative " + rel + ")");
        }
        assertTrue(expectedLosses[expectedLosses.length - 1] < expectedLosses[0], name + ": the fixture's loss must fall");
    }

    private static Optimizer optimizer(JsonNode o) {
        double lr = o.get("lr").asDouble();
        return switch (o.get("name").asText()) {
            case "adam" -> new Adam(lr, o.get("beta1").asDouble(), o.get("beta2").asDouble(), o.get("eps").asDouble());
            case "adamw" -> new AdamW(lr, o.get("weight_decay").asDouble(), o.get("beta1").asDouble(),
                    o.get("beta2").asDouble(), o.get("eps").asDouble());
            case "sgd" -> new SGD(lr, o.get("momentum").asDouble(), o.get("nesterov").asBoolean());
            case "rmsprop" -> new RMSprop(lr, o.get("rho").asDouble(), o.get("eps").asDouble());
            default -> throw new IllegalArgumentException("unknown optimizer in fixture: " + o);
        };
    }

    /**
     * Every element within {@code tol} relative to the tensor's largest magnitude (element-wise relative error
     * is meaningless for elements that are zero up to rounding).
     */
    static void assertClose(String what, double[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": size");
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertTrue(scale > 0, what + ": expected tensor is all zeros; the fixture cannot check anything");
        double worst = 0;
        int at = -1;
        for (int k = 0; k < expected.length; k++) {
            double err = Math.abs(actual[k] - expected[k]) / scale;
            if (err > worst) {
                worst = err;
                at = k;
            }
        }
        assertTrue(worst <= tol, what + ": element " + at + " is " + (at < 0 ? 0 : actual[at]) + ", PyTorch "
                + (at < 0 ? 0 : expected[at]) + " (error " + worst + " of max |value| " + scale + " > " + tol + ")");
    }
}
