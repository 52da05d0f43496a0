#!/usr/bin/env python3
"""Writes our own Keras model files with BatchNormalization and a softmax Dense (issue 13), in both formats: a tf.keras
2.6 HDF5 file (BatchNormalization's config holds axis as the list Keras 2 builds, [2] on sequences and [1] on
vectors) and a Keras 3 .keras archive (axis -1, one layer without center). Written with h5py and make_fixtures.py's
helpers, no Keras; tools/keras/expected_outputs.py then computes their outputs with Keras's equations in numpy
float64 (BatchNormalization at inference: gamma (x - moving_mean) / sqrt(moving_variance + epsilon) + beta; softmax
over the last axis). Run from the repository root with Debian's h5py:

    /usr/bin/python3 tools/keras/make_batchnorm_fixtures.py
    /usr/bin/python3 tools/keras/expected_outputs.py batchnorm_k2_6.h5 batchnorm_k3_8.keras

Layout facts: a BatchNormalization's weights are gamma, beta (each when scale, center), moving_mean and
moving_variance, each (F), in that order ("batch_normalization/gamma:0", ... "batch_normalization/moving_variance:0"
in tf.keras HDF5 files, layers/batch_normalization/vars/0.. in .keras archives); the moving statistics are
non-trainable variables, saved with the others.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from make_fixtures import (OUT, build, dense_config, k2_sequential, k3_sequential, rnn_config,  # noqa: E402
                           tf_keras_name, write_h5, write_keras)


def batch_norm_config(name, axis, momentum=0.99, epsilon=0.001, center=True, scale=True, keras3=False):
    c = {"name": name, "trainable": True, "dtype": "float32", "axis": axis, "momentum": momentum, "epsilon": epsilon,
         "center": center, "scale": scale, "beta_initializer": {"class_name": "Zeros", "config": {}},
         "gamma_initializer": {"class_name": "Ones", "config": {}},
         "moving_mean_initializer": {"class_name": "Zeros", "config": {}},
         "moving_variance_initializer": {"class_name": "Ones", "config": {}}, "beta_regularizer": None,
         "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None}
    if keras3:
        c["synchronized"] = False
    return c


def with_norms(built, rng):
    """gamma around 1, beta, moving mean around 0, moving variance in [0.3, 1.5], on the features before it."""
    out = []
    features = None
    for kind, cfg, ws in built:
        if kind == "InputLayer":
            features = (cfg.get("batch_input_shape") or cfg.get("batch_shape"))[-1]
        elif kind == "BatchNormalization":
            ws = []
            if cfg["scale"]:
                ws.append(("gamma", rng.uniform(0.5, 1.5, (features,)).astype(np.float32)))
            if cfg["center"]:
                ws.append(("beta", rng.uniform(-0.5, 0.5, (features,)).astype(np.float32)))
            ws += [("moving_mean", rng.uniform(-0.5, 0.5, (features,)).astype(np.float32)),
                   ("moving_variance", rng.uniform(0.3, 1.5, (features,)).astype(np.float32))]
        elif "units" in cfg:
            features = cfg["units"]
        out.append((kind, cfg, ws))
    return out


def main():
    # tf.keras 2.6 HDF5: normalized input, between LSTMs, on the last state; a softmax head.
    layers = [("InputLayer", {"batch_input_shape": [None, 6, 3], "dtype": "float32", "sparse": False,
                              "ragged": False, "name": "batch_normalization_input"}),
              ("BatchNormalization", batch_norm_config("batch_normalization", [2])),
              ("LSTM", rnn_config("LSTM", "lstm", 5, return_sequences=True)),
              ("BatchNormalization", batch_norm_config("batch_normalization_1", [2], momentum=0.9, epsilon=1e-5)),
              ("LSTM", rnn_config("LSTM", "lstm_1", 4)),
              ("BatchNormalization", batch_norm_config("batch_normalization_2", [1], scale=False)),
              ("Dense", dense_config("dense", 3, "softmax"))]
    built = with_norms(build(layers, 3, seed=838, scale=0.6), np.random.RandomState(839))
    write_h5(os.path.join(OUT, "batchnorm_k2_6.h5"), k2_sequential("sequential", layers), built, "2.6.0",
             scalar_style="vlen-ascii", version_style="vlen-utf8", fixed_names=False, weight_name=tf_keras_name)

    # Keras 3 .keras archive: any length, axis -1, a BatchNormalization without center; a softmax on every step.
    layers = [("InputLayer", {"batch_shape": [None, None, 2], "dtype": "float32", "sparse": False,
                              "name": "input_layer"}),
              ("GRU", rnn_config("GRU", "gru", 4, keras3=True, return_sequences=True)),
              ("BatchNormalization", batch_norm_config("batch_normalization", -1, center=False, keras3=True)),
              ("Dense", dense_config("dense", 3, "softmax", keras3=True))]
    built = with_norms(build(layers, 2, seed=848, scale=0.6), np.random.RandomState(849))
    write_keras(os.path.join(OUT, "batchnorm_k3_8.keras"), k3_sequential(layers, [None, None, 2], dtype_policy=True),
                built, "3.8.0", empty_groups=False)
    print("wrote batchnorm_k2_6.h5 and batchnorm_k3_8.keras in", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
