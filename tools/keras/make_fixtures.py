#!/usr/bin/env python3
"""Writes the Keras model files of our own that seqcast-keras tests import, for what the real files in
../shared/keras do not cover: GRU reset_after=True, hard_sigmoid in Keras 2 and Keras 3 semantics, Keras 3 .keras
archives, Keras 3 legacy HDF5 with path-style weight names, fixed- versus variable-length string attributes, a
model of any sequence length, Conv1D and the 1-D poolings with the options the real CNN-LSTM file lacks (same and
causal padding, strides, dilation, no bias, average and global pooling, Flatten), and broken files. No Keras is needed (nor installed): the files are written with
h5py in the layout and with the attributes Keras writes. Run from the repository root with Debian's h5py:

    /usr/bin/python3 tools/keras/make_fixtures.py

Where the layout facts come from:
  * Keras 2 HDF5 (keras/engine/saving.py, tf.keras hdf5_format.py; and the real files lstm1_k2_12.h5,
    lstm3_k2_3tf.h5, gru4_before_k2_3_1.h5): root attributes keras_version, backend, model_config (JSON),
    training_config; group model_weights with attributes layer_names, backend, keras_version; one group per layer
    with attribute weight_names (names relative to that group, e.g. "gru/gru_cell/kernel:0", or "lstm_1/kernel:0"
    in standalone Keras 2.0-2.3); a layer without weights has an empty float64 weight_names array. h5py 2 wrote the
    scalar attributes as variable-length ASCII strings and the name lists as fixed-length NULLPAD strings; h5py 3
    (tf.keras 2.4+) writes variable-length strings everywhere, backend and keras_version as UTF-8.
  * Keras 3 legacy HDF5 (keras/src/legacy/saving/legacy_h5_format.py; real file rnn2_k3_legacy.h5): the same
    groups, weight names either bare ("kernel", Keras 3.0.x, as the real file) or the variable path
    (str(w.path), current keras-team/keras, e.g. "sequential/lstm/lstm_cell/kernel", as public scripts read
    them at model_weights/simple_rnn/sequential/simple_rnn/simple_rnn_cell/kernel), plus top_level_model_weights.
  * Keras 3 .keras (keras/src/saving/saving_lib.py): a zip of metadata.json (keras_version, date_saved),
    config.json (serialize_keras_object of the model) and model.weights.h5, in which every saveable's variables
    sit in <path>/vars/<i> (i = 0, 1, ... in the layer's variable order: kernel, recurrent_kernel, bias; Conv1D: kernel (k, I, O), bias,
    as the real cnn_lstm_k3.keras); the
    Sequential's layers are under layers/<snake_case(class name)>[_<k>] (a counter per class name; InputLayer is
    not among Sequential.layers) and a recurrent layer's cell under layers/<name>/cell/vars; optimizer variables
    under optimizer/vars. Older saving_lib (H5Entry) creates an empty vars group for every saveable; newer
    (H5IOStore.make, deferred) creates groups only when a variable is written.
Deterministic: fixed seeds. The Keras version strings of our own files are illustrative of the layout they
follow; the importer reads only the major version (for hard_sigmoid's definition).
"""
import io
import json
import os
import zipfile

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "testdata", "keras")
VLEN_ASCII = h5py.string_dtype("ascii")


def glorot(name="GlorotUniform", keras3=False):
    d = {"class_name": name, "config": {"seed": None}}
    if keras3:
        d = {"module": "keras.initializers", **d, "registered_name": None}
    return d


def rnn_config(kind, name, units, keras3=False, **options):
    """A recurrent layer's config as Keras serializes it (options override the defaults)."""
    c = {"name": name, "trainable": True, "dtype": "float32", "return_sequences": False, "return_state": False,
         "go_backwards": False, "stateful": False, "unroll": False}
    if keras3:
        c["zero_output_for_mask"] = False
    else:
        c["time_major"] = False
    c.update({"units": units, "activation": "tanh"})
    if kind != "SimpleRNN":
        c["recurrent_activation"] = "sigmoid"
    c.update({"use_bias": True, "kernel_initializer": glorot(keras3=keras3),
              "recurrent_initializer": {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": None}},
              "bias_initializer": {"class_name": "Zeros", "config": {}}})
    if kind == "LSTM":
        c["unit_forget_bias"] = True
    c.update({"kernel_regularizer": None, "recurrent_regularizer": None, "bias_regularizer": None,
              "activity_regularizer": None, "kernel_constraint": None, "recurrent_constraint": None,
              "bias_constraint": None, "dropout": 0.0, "recurrent_dropout": 0.0})
    if not keras3 and kind != "SimpleRNN":
        c["implementation"] = 2
    if kind == "GRU":
        c["reset_after"] = True
    if keras3:
        c["seed"] = None
    c.update(options)
    return c


def dense_config(name, units, activation="linear", keras3=False):
    return {"name": name, "trainable": True, "dtype": "float32", "units": units, "activation": activation,
            "use_bias": True, "kernel_initializer": glorot(keras3=keras3),
            "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": None,
            "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}


def dropout_config(name, rate):
    return {"name": name, "trainable": True, "dtype": "float32", "rate": rate, "noise_shape": None, "seed": None}


def conv1d_config(name, filters, kernel_size, keras3=False, **options):
    """Conv1D's config as Keras serializes it: 1-D options as lists of one."""
    c = {"name": name, "trainable": True, "dtype": "float32", "filters": filters, "kernel_size": [kernel_size],
         "strides": [1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1], "groups": 1,
         "activation": "linear", "use_bias": True, "kernel_initializer": glorot(keras3=keras3),
         "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": None,
         "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}
    c.update(options)
    return c


def pooling_config(name, pool_size, strides=None, padding="valid"):
    return {"name": name, "trainable": True, "dtype": "float32", "strides": [strides or pool_size],
            "pool_size": [pool_size], "padding": padding, "data_format": "channels_last"}


def steps_after(kind, cfg, steps):
    """The time steps after a Conv1D or pooling layer (Keras's padding rules), or None for any length."""
    if steps is None:
        return None
    if kind == "Conv1D":
        span, stride = (cfg["kernel_size"][0] - 1) * cfg["dilation_rate"][0] + 1, cfg["strides"][0]
    else:
        span, stride = cfg["pool_size"][0], cfg["strides"][0]
    if cfg["padding"] == "valid":
        return (steps - span) // stride + 1
    return -(-steps // stride) if cfg["padding"] == "same" else (steps - 1) // stride + 1


def gates(kind):
    return {"LSTM": 4, "GRU": 3, "SimpleRNN": 1}[kind]


def random_weights(rng, kind, inputs, cfg, scale):
    """Keras-layout weights: kernel (I, G·H), recurrent_kernel (H, G·H), bias (G·H) or (2, 3H) for reset_after."""
    if kind == "Conv1D":
        k, o = cfg["kernel_size"][0], cfg["filters"]
        kernel = [("kernel", rng.uniform(-scale, scale, (k, inputs, o)))]
        return kernel + [("bias", rng.uniform(-0.3, 0.3, (o,)))] if cfg["use_bias"] else kernel
    h = cfg["units"]
    if kind == "Dense":
        return [("kernel", rng.uniform(-scale, scale, (inputs, h))), ("bias", rng.uniform(-0.3, 0.3, (h,)))]
    g = gates(kind) * h
    bias_shape = (2, g) if kind == "GRU" and cfg.get("reset_after") else (g,)
    return [("kernel", rng.uniform(-scale, scale, (inputs, g))),
            ("recurrent_kernel", rng.uniform(-scale, scale, (h, g))),
            ("bias", rng.uniform(-0.5, 0.5, bias_shape))]


def build(layers, input_features, seed, scale, steps=None):
    """[(class, config)] -> [(class, config, [(var, float32 array)])], weights drawn layer by layer; steps (T) is
    needed only for a Dense after a Flatten."""
    rng = np.random.RandomState(seed)
    out = []
    features = input_features
    for kind, cfg in layers:
        ws = []
        if kind in ("LSTM", "GRU", "SimpleRNN", "Dense", "Conv1D"):
            ws = [(n, a.astype(np.float32)) for n, a in random_weights(rng, kind, features, cfg, scale)]
            features = cfg["filters"] if kind == "Conv1D" else cfg["units"]
        if kind in ("Conv1D", "MaxPooling1D", "AveragePooling1D"):
            steps = steps_after(kind, cfg, steps)
        if kind == "Flatten":
            features, steps = features * steps, None
        if kind in ("LSTM", "GRU", "SimpleRNN") and not cfg.get("return_sequences") or kind == "GlobalAveragePooling1D":
            steps = None
        out.append((kind, cfg, ws))
    return out


def set_str(attrs, name, value, style):
    """A scalar string attribute: 'vlen-ascii' (h5py 2 and bytes), 'vlen-utf8' (h5py 3 and str), 'fixed'."""
    if style == "fixed":
        attrs.create(name, np.bytes_(value.encode("utf8")))
    elif style == "vlen-utf8":
        attrs.create(name, value, dtype=h5py.string_dtype("utf-8"))
    else:
        attrs.create(name, value.encode("utf8"), dtype=VLEN_ASCII)


def set_names(attrs, name, values, fixed):
    """A name-list attribute: fixed-length NULLPAD (h5py 2) or variable-length ASCII (h5py 3)."""
    if not values:
        attrs.create(name, np.zeros((0,), dtype=np.float64))          # what Keras leaves for a layer without weights
    elif fixed:
        attrs.create(name, np.array([v.encode("utf8") for v in values]))
    else:
        attrs.create(name, [v.encode("utf8") for v in values], dtype=VLEN_ASCII)


def write_h5(path, model_config, built, version, backend="tensorflow", scalar_style="vlen-ascii",
             version_style=None, fixed_names=False, weight_name=None, top_level=False):
    """A full-model HDF5 file as Keras's save_model_to_hdf5 writes it. weight_name(layer_name, cell_name, var)
    gives each weight's name relative to its layer group."""
    with h5py.File(path, "w") as f:
        vs = version_style or scalar_style
        set_str(f.attrs, "backend", backend, vs)
        set_str(f.attrs, "keras_version", version, vs)
        set_str(f.attrs, "model_config", json.dumps(model_config), scalar_style)
        set_str(f.attrs, "training_config", json.dumps({"loss": "mse", "metrics": None,
                                                        "optimizer_config": {"class_name": "Adam", "config": {}}}),
                scalar_style)
        mw = f.create_group("model_weights")
        names = [cfg["name"] for kind, cfg, ws in built if kind != "InputLayer"]
        set_names(mw.attrs, "layer_names", names, fixed_names)
        set_str(mw.attrs, "backend", backend, "vlen-ascii" if scalar_style != "fixed" else "fixed")
        set_str(mw.attrs, "keras_version", version, "vlen-ascii" if scalar_style != "fixed" else "fixed")
        for kind, cfg, ws in sorted([b for b in built if b[0] != "InputLayer"], key=lambda b: b[1]["name"]):
            g = mw.create_group(cfg["name"])
            cell = {"LSTM": "lstm_cell", "GRU": "gru_cell", "SimpleRNN": "simple_rnn_cell"}.get(kind)
            wn = [weight_name(cfg["name"], cell, n) for n, a in ws]
            set_names(g.attrs, "weight_names", wn, fixed_names)
            for n, (_, a) in zip(wn, ws):
                g.create_dataset(n, data=a)
        if top_level:
            set_names(mw.create_group("top_level_model_weights").attrs, "weight_names", [], fixed_names)


def tf_keras_name(layer, cell, var):
    """tf.keras 2.x weight names: "gru/gru_cell/kernel:0" for a recurrent layer's cell, "dense/kernel:0"."""
    return f"{layer}/{cell}/{var}:0" if cell else f"{layer}/{var}:0"


def snake(name):
    return {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "simple_rnn", "Dense": "dense", "Dropout": "dropout",
            "Conv1D": "conv1d", "MaxPooling1D": "max_pooling1d", "AveragePooling1D": "average_pooling1d",
            "GlobalAveragePooling1D": "global_average_pooling1d", "Flatten": "flatten",
            "LayerNormalization": "layer_normalization", "BatchNormalization": "batch_normalization",
            "Masking": "masking"}[name]


def write_keras(path, model_config, built, version, empty_groups):
    """A Keras 3 .keras archive (saving_lib): metadata.json, config.json, model.weights.h5."""
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        if empty_groups:
            f.create_group("vars")                                    # the Sequential itself has no variables
        used = {}
        for kind, cfg, ws in built:
            if kind == "InputLayer":
                continue
            base = snake(kind)
            used[base] = used.get(base, -1) + 1
            name = base if used[base] == 0 else f"{base}_{used[base]}"
            layer = f"layers/{name}"
            if kind in ("LSTM", "GRU", "SimpleRNN"):
                if empty_groups:
                    f.create_group(layer).create_group("vars")        # the RNN wrapper has no variables of its own
                target = f.require_group(layer).create_group("cell").create_group("vars")
            else:
                if not ws and not empty_groups:
                    continue
                target = f.create_group(layer).create_group("vars")
            for i, (_, a) in enumerate(ws):
                target.create_dataset(str(i), data=a)
        opt = f.create_group("optimizer").create_group("vars")
        opt.create_dataset("0", data=np.array(12, dtype=np.int64))  # iterations
        opt.create_dataset("1", data=np.array(0.001, dtype=np.float32))
    metadata = {"keras_version": version, "date_saved": "2025-01-15@10:00:00"}
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("metadata.json", json.dumps(metadata))
        z.writestr("config.json", json.dumps(model_config))
        z.writestr("model.weights.h5", buf.getvalue())


def k2_sequential(name, layers):
    return {"class_name": "Sequential", "config": {"name": name, "layers":
                                                   [{"class_name": k, "config": c} for k, c in layers]}}


def k3_sequential(layers, input_shape, dtype_policy=False):
    def wrap(k, c):
        d = {"module": "keras.layers", "class_name": k, "config": c, "registered_name": None}
        if k != "InputLayer":
            d["build_config"] = {"input_shape": None}
        return d
    if dtype_policy:
        for k, c in layers:
            c["dtype"] = {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                          "registered_name": None}
    return {"module": "keras", "class_name": "Sequential",
            "config": {"name": "sequential", "trainable": True, "dtype": "float32",
                       "layers": [wrap(k, c) for k, c in layers], "build_input_shape": input_shape},
            "registered_name": None, "build_config": {"input_shape": input_shape},
            "compile_config": {"optimizer": "adam", "loss": "mse"}}


def main():
    os.makedirs(OUT, exist_ok=True)

    # 1. tf.keras 2.12 style (h5py 3): GRU reset_after=True, stacked, bias (2, 3H); variable-length strings.
    layers = [("InputLayer", {"batch_input_shape": [None, 12, 3], "dtype": "float32", "sparse": False,
                              "ragged": False, "name": "gru_input"}),
              ("GRU", rnn_config("GRU", "gru", 8, return_sequences=True, batch_input_shape=[None, 12, 3])),
              ("GRU", rnn_config("GRU", "gru_1", 6)),
              ("Dense", dense_config("dense", 2))]
    built = build(layers, 3, seed=101, scale=0.5)
    write_h5(os.path.join(OUT, "gru_after_k2_12.h5"), k2_sequential("sequential", layers), built, "2.12.0",
             scalar_style="vlen-ascii", version_style="vlen-utf8", fixed_names=False, top_level=True,
             weight_name=tf_keras_name)

    # 2. standalone Keras 2.2.4 style: hard_sigmoid gates (Keras 2: clip(0.2x + 0.5)), LSTM and reset-before GRU;
    #    root string attributes fixed-length (as some writers leave them), name lists fixed-length NULLPAD.
    layers = [("LSTM", rnn_config("LSTM", "lstm_1", 7, recurrent_activation="hard_sigmoid", return_sequences=True,
                                  batch_input_shape=[None, 10, 2])),
              ("GRU", rnn_config("GRU", "gru_1", 5, recurrent_activation="hard_sigmoid", reset_after=False)),
              ("Dense", dense_config("dense_1", 1))]
    for k, c in layers:
        c.pop("time_major", None)                                    # Keras 2.2 had no time_major
    built = build(layers, 2, seed=202, scale=1.0)
    write_h5(os.path.join(OUT, "hardsig_k2_2_4_fixedstr.h5"), k2_sequential("sequential_1", layers), built, "2.2.4",
             scalar_style="fixed", fixed_names=True,
             weight_name=lambda layer, cell, var: f"{layer}/{var}:0")

    # 3. Keras 3 legacy HDF5, path-style weight names: hard_sigmoid in Keras 3 semantics (relu6(x + 3) / 6) in LSTM
    #    gates and a Dense activation, a relu SimpleRNN, any sequence length (batch_shape [None, None, 3]).
    layers = [("InputLayer", {"batch_shape": [None, None, 3], "dtype": "float32", "sparse": False,
                              "name": "input_layer"}),
              ("SimpleRNN", rnn_config("SimpleRNN", "simple_rnn", 5, keras3=True, activation="relu",
                                       return_sequences=True)),
              ("LSTM", rnn_config("LSTM", "lstm", 6, keras3=True, recurrent_activation="hard_sigmoid")),
              ("Dense", dense_config("dense", 2, activation="hard_sigmoid", keras3=True))]
    built = build(layers, 3, seed=303, scale=1.0)
    config = k2_sequential("sequential", layers)
    config["config"].update({"trainable": True, "dtype": "float32", "build_input_shape": [None, None, 3]})
    write_h5(os.path.join(OUT, "hardsig_k3_legacy.h5"), config, built, "3.8.0",
             scalar_style="vlen-ascii", version_style="vlen-utf8", fixed_names=False, top_level=True,
             weight_name=lambda layer, cell, var: f"sequential/{layer}/{cell}/{var}" if cell
             else f"sequential/{layer}/{var}")

    # 4. Keras 3 .keras archive, older saving_lib (empty vars groups): LSTM with hard_sigmoid gates, Dropout,
    #    GRU reset_after=True, Dense.
    layers = [("InputLayer", {"batch_shape": [None, 16, 4], "dtype": "float32", "sparse": False,
                              "name": "input_layer"}),
              ("LSTM", rnn_config("LSTM", "lstm", 8, keras3=True, recurrent_activation="hard_sigmoid",
                                  return_sequences=True)),
              ("Dropout", dropout_config("dropout", 0.1)),
              ("GRU", rnn_config("GRU", "gru", 6, keras3=True)),
              ("Dense", dense_config("dense", 1, keras3=True))]
    built = build(layers, 4, seed=404, scale=0.8)
    write_keras(os.path.join(OUT, "lstm_gru_k3_3.keras"), k3_sequential(layers, [None, 16, 4]), built, "3.3.3",
                empty_groups=True)

    # 5. Keras 3 .keras archive, newer saving_lib (no empty groups, dtype policies): two GRUs (names gru, gru_1),
    #    reset_after False then True, a SimpleRNN, Dense with sigmoid.
    layers = [("InputLayer", {"batch_shape": [None, 20, 2], "dtype": "float32", "sparse": False,
                              "name": "input_layer"}),
              ("GRU", rnn_config("GRU", "gru", 5, keras3=True, reset_after=False, return_sequences=True,
                                 use_cudnn="auto")),
              ("GRU", rnn_config("GRU", "gru_1", 4, keras3=True, return_sequences=True, use_cudnn="auto")),
              ("SimpleRNN", rnn_config("SimpleRNN", "simple_rnn", 3, keras3=True)),
              ("Dense", dense_config("dense", 2, activation="sigmoid", keras3=True))]
    built = build(layers, 2, seed=505, scale=0.7)
    write_keras(os.path.join(OUT, "gru_rnn_k3_10.keras"), k3_sequential(layers, [None, 20, 2], dtype_policy=True),
                built, "3.10.0", empty_groups=False)

    # 6. tf.keras 2.12 style: Conv1D with same padding and stride 2, AveragePooling1D with same padding (padded steps
    #    left out of the mean), a causal dilated Conv1D without bias, MaxPooling1D with same padding and stride 2,
    #    Flatten and Dense; the odd padded step of "same" falls after the sequence.
    layers = [("InputLayer", {"batch_input_shape": [None, 20, 3], "dtype": "float32", "sparse": False,
                              "ragged": False, "name": "conv1d_input"}),
              ("Conv1D", conv1d_config("conv1d", 6, 4, strides=[2], padding="same", activation="relu")),
              ("AveragePooling1D", pooling_config("average_pooling1d", 2, strides=1, padding="same")),
              ("Conv1D", conv1d_config("conv1d_1", 4, 2, padding="causal", dilation_rate=[2], activation="tanh",
                                       use_bias=False)),
              ("MaxPooling1D", pooling_config("max_pooling1d", 3, strides=2, padding="same")),
              ("Flatten", {"name": "flatten", "trainable": True, "dtype": "float32", "data_format": "channels_last"}),
              ("Dense", dense_config("dense", 2))]
    built = build(layers, 3, seed=606, scale=0.6, steps=20)
    write_h5(os.path.join(OUT, "conv_pad_k2_12.h5"), k2_sequential("sequential", layers), built, "2.12.0",
             scalar_style="vlen-ascii", version_style="vlen-utf8", fixed_names=False, top_level=True,
             weight_name=tf_keras_name)

    # 7. Keras 3 .keras archive (newer saving_lib): any sequence length, Conv1D (valid, stride 1), MaxPooling1D, an
    #    LSTM over the pooled steps, GlobalAveragePooling1D, Dense.
    layers = [("InputLayer", {"batch_shape": [None, None, 2], "dtype": "float32", "sparse": False,
                              "name": "input_layer"}),
              ("Conv1D", conv1d_config("conv1d", 5, 3, keras3=True)),
              ("MaxPooling1D", pooling_config("max_pooling1d", 2)),
              ("LSTM", rnn_config("LSTM", "lstm", 4, keras3=True, return_sequences=True)),
              ("GlobalAveragePooling1D", {"name": "global_average_pooling1d", "trainable": True, "dtype": "float32",
                                          "data_format": "channels_last", "keepdims": False}),
              ("Dense", dense_config("dense", 1, keras3=True))]
    built = build(layers, 2, seed=707, scale=0.7)
    write_keras(os.path.join(OUT, "conv_gap_k3_8.keras"), k3_sequential(layers, [None, None, 2], dtype_policy=True),
                built, "3.8.0", empty_groups=False)

    # Broken files, from fixture 1: a listed weight missing, a kernel of the wrong shape, weights only.
    layers = [("InputLayer", {"batch_input_shape": [None, 12, 3], "dtype": "float32", "name": "gru_input"}),
              ("GRU", rnn_config("GRU", "gru", 8, return_sequences=True)),
              ("GRU", rnn_config("GRU", "gru_1", 6)),
              ("Dense", dense_config("dense", 2))]
    built = build(layers, 3, seed=101, scale=0.5)
    names = tf_keras_name
    path = os.path.join(OUT, "bad_missing_weight.h5")
    write_h5(path, k2_sequential("sequential", layers), built, "2.12.0", weight_name=names)
    with h5py.File(path, "a") as f:
        del f["model_weights/gru_1/gru_1/gru_cell/recurrent_kernel:0"]
    path = os.path.join(OUT, "bad_shape.h5")
    bad = [(k, c, [(n, a[:, :-3] if n == "kernel" and c["name"] == "gru" else a) for n, a in ws])
           for k, c, ws in built]
    write_h5(path, k2_sequential("sequential", layers), bad, "2.12.0", weight_name=names)
    path = os.path.join(OUT, "bad_weights_only.h5")                  # model.save_weights: model_weights' content
    write_h5(path, k2_sequential("sequential", layers), built, "2.12.0", weight_name=names)   # at the root, no config
    with h5py.File(path, "a") as f:
        for key in list(f.attrs):
            del f.attrs[key]
        for key, value in f["model_weights"].attrs.items():
            f.attrs.create(key, value, dtype=f["model_weights"].attrs.get_id(key).get_type())
        for key in list(f["model_weights"].keys()):
            f.move(f"model_weights/{key}", key)
        del f["model_weights"]
    print("wrote fixtures to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
