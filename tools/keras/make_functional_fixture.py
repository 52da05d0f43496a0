#!/usr/bin/env python3
"""Writes testdata/keras/functional_add_concat_k2_12.h5, a Keras 2 (tf.keras 2.12 layout) Functional model with
two branches, a residual Add, a Concatenate and two outputs, and its expected outputs
(functional_add_concat_k2_12.h5.expected.json), computed here with Keras's equations in numpy float64 without any
code of Seqcast's. No Keras is needed: the file is written with h5py as make_fixtures.py writes Sequential ones
(the same attributes and weight names), with a Functional config as tf.keras 2.x serializes it
(Functional.get_config: "layers" each with "name", "class_name", "config" and "inbound_nodes"
[[[layer, node, tensor, kwargs], ...]], and "input_layers" / "output_layers" lists of [layer, node, tensor]).

    input_1 (6, 3) -> lstm = LSTM(4, return_sequences)          -> add = Add([lstm, proj]) (6, 4)
                   -> proj = Dense(4, tanh) (per step)           /
    concatenate = Concatenate(-1)([add, input_1]) (6, 7) -> gru = GRU(5, reset_after) -> out_a = Dense(2)
    gap = GlobalAveragePooling1D(add) (4) -> out_b = Dense(1)

Run from the repository root: /usr/bin/python3 tools/keras/make_functional_fixture.py
"""
import json
import os

import numpy as np

from expected_outputs import numpy_recurrent, activation
from make_fixtures import OUT, rnn_config, dense_config, write_h5, tf_keras_name

VERSION = "2.12.0"
T, I, B = 6, 3, 4


def node(*names):
    return [[[n, 0, 0, {}] for n in names]]


def layer(cls, cfg, *inbound):
    return {"class_name": cls, "config": cfg, "name": cfg["name"], "inbound_nodes": node(*inbound) if inbound else []}


def main():
    rng = np.random.default_rng(20261204)
    f32 = lambda a: a.astype(np.float32)
    w = {
        "lstm": [("kernel", f32(rng.uniform(-0.5, 0.5, (I, 16)))), ("recurrent_kernel", f32(rng.uniform(-0.5, 0.5, (4, 16)))),
                 ("bias", f32(rng.uniform(-0.3, 0.3, (16,))))],
        "proj": [("kernel", f32(rng.uniform(-0.7, 0.7, (I, 4)))), ("bias", f32(rng.uniform(-0.2, 0.2, (4,))))],
        "gru": [("kernel", f32(rng.uniform(-0.5, 0.5, (7, 15)))), ("recurrent_kernel", f32(rng.uniform(-0.5, 0.5, (5, 15)))),
                ("bias", f32(rng.uniform(-0.3, 0.3, (2, 15))))],
        "out_a": [("kernel", f32(rng.uniform(-0.8, 0.8, (5, 2)))), ("bias", f32(rng.uniform(-0.2, 0.2, (2,))))],
        "out_b": [("kernel", f32(rng.uniform(-0.8, 0.8, (4, 1)))), ("bias", f32(rng.uniform(-0.2, 0.2, (1,))))],
    }
    cfg = {
        "lstm": rnn_config("LSTM", "lstm", 4, return_sequences=True),
        "proj": dense_config("proj", 4, "tanh"),
        "gru": rnn_config("GRU", "gru", 5),
        "out_a": dense_config("out_a", 2),
        "out_b": dense_config("out_b", 1),
    }
    layers = [
        layer("InputLayer", {"batch_input_shape": [None, T, I], "dtype": "float32", "sparse": False, "ragged": False,
                             "name": "input_1"}),
        layer("LSTM", cfg["lstm"], "input_1"),
        layer("Dense", cfg["proj"], "input_1"),
        layer("Add", {"name": "add", "trainable": True, "dtype": "float32"}, "lstm", "proj"),
        layer("Concatenate", {"name": "concatenate", "trainable": True, "dtype": "float32", "axis": -1}, "add", "input_1"),
        layer("GRU", cfg["gru"], "concatenate"),
        layer("Dense", cfg["out_a"], "gru"),
        layer("GlobalAveragePooling1D", {"name": "gap", "trainable": True, "dtype": "float32",
                                         "data_format": "channels_last", "keepdims": False}, "add"),
        layer("Dense", cfg["out_b"], "gap"),
    ]
    model_config = {"class_name": "Functional", "config": {
        "name": "model", "layers": layers, "input_layers": [["input_1", 0, 0]],
        "output_layers": [["out_a", 0, 0], ["out_b", 0, 0]]}}
    kinds = {"lstm": "LSTM", "gru": "GRU", "proj": "Dense", "out_a": "Dense", "out_b": "Dense"}
    built = [("InputLayer", {"name": "input_1"}, [])]
    for l in layers[1:]:
        n = l["name"]
        built.append((kinds.get(n, l["class_name"]), {"name": n}, w.get(n, [])))
    path = os.path.join(OUT, "functional_add_concat_k2_12.h5")
    write_h5(path, model_config, built, VERSION, scalar_style="vlen-utf8", weight_name=tf_keras_name)

    # Keras's equations in float64 on the float32 weights and input.
    x = f32(rng.uniform(-2, 2, (B, T, I))).astype(np.float64)
    d = {k: [a.astype(np.float64) for _, a in v] for k, v in w.items()}
    lstm = numpy_recurrent("LSTM", cfg["lstm"], d["lstm"], x, 2)
    proj = np.tanh(x @ d["proj"][0] + d["proj"][1])
    add = lstm + proj
    cat = np.concatenate([add, x], axis=-1)
    gru = numpy_recurrent("GRU", cfg["gru"], d["gru"], cat, 2)
    out_a = gru @ d["out_a"][0] + d["out_a"][1]
    out_b = add.mean(axis=1) @ d["out_b"][0] + d["out_b"][1]
    fixture = {"keras_version": VERSION, "input_shape": [T, I], "x": x.reshape(-1).tolist(),
               "reference": "numpy float64 (Keras equations), tools/keras/make_functional_fixture.py",
               "expected": out_a.reshape(-1).tolist(), "expected_shape": list(out_a.shape),
               "expected_b": out_b.reshape(-1).tolist(), "expected_b_shape": list(out_b.shape)}
    with open(path + ".expected.json", "w") as f:
        json.dump(fixture, f, indent=1)
    print("wrote", path, "out_a", out_a.shape, "out_b", out_b.shape)


if __name__ == "__main__":
    main()
