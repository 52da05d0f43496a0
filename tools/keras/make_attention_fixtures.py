#!/usr/bin/env python3
"""Writes our own Keras model files with LayerNormalization (issue 13), in both formats: a tf.keras 2.6 HDF5 file
(LayerNormalization's config holds axis as the list Keras 2 builds, [2] on sequences and [1] on vectors) and a
Keras 3 .keras archive (axis -1). Written with h5py and make_fixtures.py's helpers, no Keras. Run from the
repository root with Debian's h5py:

    /usr/bin/python3 tools/keras/make_attention_fixtures.py

Layout facts: a LayerNormalization's weights are gamma (F) then beta (F) ("layer_normalization/gamma:0" in
tf.keras HDF5 files, layers/layer_normalization/vars/0 and 1 in .keras archives). Keras's Attention is not among
these files: it is called on [query, value], which a Sequential model cannot do.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from make_fixtures import (OUT, build, dense_config, k2_sequential, k3_sequential, rnn_config,  # noqa: E402
                           tf_keras_name, write_h5, write_keras)


def layer_norm_config(name, axis, epsilon, keras3=False):
    c = {"name": name, "trainable": True, "dtype": "float32", "axis": axis, "epsilon": epsilon, "center": True,
         "scale": True, "beta_initializer": {"class_name": "Zeros", "config": {}},
         "gamma_initializer": {"class_name": "Ones", "config": {}}, "beta_regularizer": None,
         "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None}
    if keras3:
        c["rms_scaling"] = False
    return c


def with_norms(built, rng):
    """gamma around 1 and beta around 0 for every LayerNormalization, on the features of the layer before it."""
    out = []
    features = None
    for kind, cfg, ws in built:
        if kind == "InputLayer":
            features = (cfg.get("batch_input_shape") or cfg.get("batch_shape"))[-1]
        elif kind == "LayerNormalization":
            ws = [("gamma", rng.uniform(0.5, 1.5, (features,)).astype(np.float32)),
                  ("beta", rng.uniform(-0.5, 0.5, (features,)).astype(np.float32))]
        elif "units" in cfg:
            features = cfg["units"]
        out.append((kind, cfg, ws))
    return out


def main():
    # tf.keras 2.6 HDF5: normalized input, between LSTMs, and on the last state.
    layers = [("InputLayer", {"batch_input_shape": [None, 6, 3], "dtype": "float32", "sparse": False,
                              "ragged": False, "name": "layer_normalization_input"}),
              ("LayerNormalization", layer_norm_config("layer_normalization", [2], 0.001)),
              ("LSTM", rnn_config("LSTM", "lstm", 5, return_sequences=True)),
              ("LayerNormalization", layer_norm_config("layer_normalization_1", [2], 1e-5)),
              ("LSTM", rnn_config("LSTM", "lstm_1", 4)),
              ("LayerNormalization", layer_norm_config("layer_normalization_2", [1], 0.01)),
              ("Dense", dense_config("dense", 2))]
    built = with_norms(build(layers, 3, seed=808, scale=0.6), np.random.RandomState(809))
    write_h5(os.path.join(OUT, "layernorm_k2_6.h5"), k2_sequential("sequential", layers), built, "2.6.0",
             scalar_style="vlen-ascii", version_style="vlen-utf8", fixed_names=False, weight_name=tf_keras_name)

    # Keras 3 .keras archive: any length, axis -1.
    layers = [("InputLayer", {"batch_shape": [None, None, 2], "dtype": "float32", "sparse": False,
                              "name": "input_layer"}),
              ("LayerNormalization", layer_norm_config("layer_normalization", -1, 0.001, keras3=True)),
              ("GRU", rnn_config("GRU", "gru", 4, keras3=True, return_sequences=True)),
              ("LayerNormalization", layer_norm_config("layer_normalization_1", -1, 1e-5, keras3=True)),
              ("GlobalAveragePooling1D", {"name": "global_average_pooling1d", "trainable": True, "dtype": "float32",
                                          "data_format": "channels_last", "keepdims": False}),
              ("Dense", dense_config("dense", 1, keras3=True))]
    built = with_norms(build(layers, 2, seed=818, scale=0.6), np.random.RandomState(819))
    write_keras(os.path.join(OUT, "layernorm_k3_8.keras"), k3_sequential(layers, [None, None, 2], dtype_policy=True),
                built, "3.8.0", empty_groups=False)

    # Refused: LayerNormalization over the time axis of a sequence (axis [1] on (T, F)).
    layers = [("InputLayer", {"batch_input_shape": [None, 5, 2], "dtype": "float32", "sparse": False,
                              "ragged": False, "name": "lstm_input"}),
              ("LSTM", rnn_config("LSTM", "lstm", 3, return_sequences=True)),
              ("LayerNormalization", layer_norm_config("layer_normalization", [1], 0.001)),
              ("LSTM", rnn_config("LSTM", "lstm_1", 2))]
    built = build(layers, 2, seed=828, scale=0.6)
    built[2] = ("LayerNormalization", built[2][1], [("gamma", np.ones(5, np.float32)), ("beta", np.zeros(5, np.float32))])
    write_h5(os.path.join(OUT, "bad_layernorm_time_axis.h5"), k2_sequential("sequential", layers), built, "2.6.0",
             scalar_style="vlen-ascii", version_style="vlen-utf8", fixed_names=False, weight_name=tf_keras_name)
    print("wrote layernorm_k2_6.h5, layernorm_k3_8.keras and bad_layernorm_time_axis.h5 in", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
