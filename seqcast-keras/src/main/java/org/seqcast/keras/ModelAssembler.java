package org.seqcast.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.nn.Dense;
import org.seqcast.nn.Dropout;
import org.seqcast.nn.GRU;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.Layer;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.SimpleRNN;
import org.seqcast.tensor.Tensor;

/**
 * Builds the Seqcast {@link Sequential} for a {@link ModelConfig} and loads the file's weights into it, checking
 * every stored shape against what the layer needs (Keras's layout: kernel (I, G·H), recurrent_kernel (H, G·H),
 * bias (G·H) or (2, 3H)) and converting through {@link KerasLayout}.
 */
final class ModelAssembler {
    private final String file;

    private ModelAssembler(String file) {
        this.file = file;
    }

    /** The built model with weights, and its per-sample input shape. */
    record Result(Sequential model, int[] inputShape) {
    }

    /**
     * @param notes receives a note when the input shape had to be taken from the first kernel
     */
    static Result assemble(ModelConfig config, WeightReader weights, String file, List<String> notes) {
        return new ModelAssembler(file).build(config, weights, notes);
    }

    private Result build(ModelConfig config, WeightReader reader, List<String> notes) {
        List<Map<String, WeightArray>> stored = new ArrayList<>();
        for (KerasLayer l : config.layers()) {
            stored.add(l instanceof KerasLayer.Dropout ? Map.of() : reader.read(l));
        }
        int[] input = config.inputShape();
        if (input == null) {
            input = inferInput(config.layers(), stored);
            notes.add("the config records no input shape: taken from the first kernel as "
                    + WeightArray.shapeText(input) + (input.length == 2 ? " (any number of time steps)" : ""));
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        List<Layer> layers = new ArrayList<>();
        boolean sequence = input.length == 2;
        int features = input[input.length - 1];
        String previous = "the input";
        for (int k = 0; k < config.layers().size(); k++) {
            KerasLayer l = config.layers().get(k);
            Map<String, WeightArray> w = stored.get(k);
            if (l instanceof KerasLayer.Recurrent r) {
                if (!sequence) {
                    throw new KerasImportException(file, r.where(), null, "needs a sequence (timesteps, features) but "
                            + previous + " gives one vector per sample (return_sequences=False)", null);
                }
                recurrentState(r, w, features).forEach((name, t) -> state.put(layers.size() + "." + name, t));
                layers.add(recurrentLayer(r));
                sequence = r.returnSequences();
                features = r.units();
            } else if (l instanceof KerasLayer.Dense d) {
                WeightArray kernel = require(d, w, "kernel", features, features, d.units());
                WeightArray bias = d.useBias() ? require(d, w, "bias", features, d.units()) : null;
                unexpected(d, w, d.useBias() ? List.of("kernel", "bias") : List.of("kernel"));
                KerasLayout.dense(kernel.data(), features, d.units(), bias == null ? null : bias.data())
                        .forEach((name, t) -> state.put(layers.size() + "." + name, t));
                layers.add(new Dense(d.units(), d.activation()));
                features = d.units();
            } else {
                layers.add(new Dropout(((KerasLayer.Dropout) l).rate()));
            }
            previous = l.where();
        }
        Sequential model = new Sequential(layers.toArray(Layer[]::new));
        try {
            model.build(input);
            model.loadStateDict(state);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new KerasImportException(file, "the weights do not fit Seqcast's network: " + e.getMessage(), e);
        }
        return new Result(model, input);
    }

    private Map<String, Tensor> recurrentState(KerasLayer.Recurrent r, Map<String, WeightArray> w, int features) {
        int gh = r.gates() * r.units();
        WeightArray kernel = require(r, w, "kernel", features, features, gh);
        WeightArray recurrent = require(r, w, "recurrent_kernel", features, r.units(), gh);
        WeightArray bias = null;
        boolean twoRows = r.className().equals("GRU") && r.resetAfter();
        if (r.useBias()) {
            bias = w.get("bias");
            int[] expected = twoRows ? new int[] {2, gh} : new int[] {gh};
            if (bias == null) {
                throw missing(r, w, "bias");
            }
            if (!Arrays.equals(bias.shape(), expected)) {
                String hint = r.className().equals("GRU")
                        ? bias.shape().length == 2 ? "; a (2, 3H) bias belongs to a GRU with reset_after=True"
                        : "; a (3H) bias belongs to a GRU with reset_after=False" : "";
                throw shape(r, bias, expected, features, hint);
            }
        }
        unexpected(r, w, r.useBias() ? List.of("kernel", "recurrent_kernel", "bias") : List.of("kernel", "recurrent_kernel"));
        return KerasLayout.recurrent(r.className(), r.units(), kernel.data(), features, recurrent.data(),
                bias == null ? null : bias.data(), twoRows);
    }

    private static Layer recurrentLayer(KerasLayer.Recurrent r) {
        return switch (r.className()) {
            case "LSTM" -> new LSTM(r.units()).activation(r.activation()).recurrentActivation(r.recurrentActivation())
                    .returnSequences(r.returnSequences());
            case "GRU" -> new GRU(r.units()).resetAfter(r.resetAfter()).activation(r.activation())
                    .recurrentActivation(r.recurrentActivation()).returnSequences(r.returnSequences());
            default -> new SimpleRNN(r.units()).activation(r.activation()).returnSequences(r.returnSequences());
        };
    }

    /** The weight {@code role} of a layer on {@code features} inputs, which must have exactly {@code shape}. */
    private WeightArray require(KerasLayer l, Map<String, WeightArray> w, String role, int features, int... shape) {
        WeightArray a = w.get(role);
        if (a == null) {
            throw missing(l, w, role);
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw shape(l, a, shape, features, "");
        }
        return a;
    }

    private KerasImportException missing(KerasLayer l, Map<String, WeightArray> w, String role) {
        return new KerasImportException(file, l.where(), null, "the file holds no " + role + " for this layer (it holds "
                + w.keySet() + ")", null);
    }

    private KerasImportException shape(KerasLayer l, WeightArray a, int[] expected, int features, String hint) {
        String what = l instanceof KerasLayer.Recurrent r ? r.className() + "(" + r.units() + ")"
                : "Dense(" + ((KerasLayer.Dense) l).units() + ")";
        return new KerasImportException(file, l.where(), null, "weight " + a.source() + " has shape " + a.shapeText()
                + " but " + what + " on " + features + " input features needs "
                + WeightArray.shapeText(expected) + hint, null);
    }

    private void unexpected(KerasLayer l, Map<String, WeightArray> w, List<String> known) {
        for (String role : w.keySet()) {
            if (!known.contains(role)) {
                throw new KerasImportException(file, l.where(), null, "unexpected weight " + w.get(role).source()
                        + " (a " + l.className() + " has " + String.join(", ", known) + ")", null);
            }
        }
    }

    /** (T = -1, I) from the first recurrent kernel, or (F) from a first Dense kernel. */
    private int[] inferInput(List<KerasLayer> layers, List<Map<String, WeightArray>> stored) {
        for (int k = 0; k < layers.size(); k++) {
            WeightArray kernel = stored.get(k).get("kernel");
            if (kernel != null && kernel.shape().length == 2) {
                return layers.get(k) instanceof KerasLayer.Recurrent ? new int[] {-1, kernel.shape()[0]}
                        : new int[] {kernel.shape()[0]};
            }
        }
        throw new KerasImportException(file, "the config records no input shape and no layer has a kernel to take it"
                + " from");
    }
}
