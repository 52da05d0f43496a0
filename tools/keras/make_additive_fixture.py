#!/usr/bin/env python3
"""Writes testdata/keras/functional_additive_k2_12.h5, a Keras 2 (tf.keras 2.12 layout) Functional model with two
AdditiveAttention self-attention layers (issue 13), and its expected outputs
(functional_additive_k2_12.h5.expected.json), computed here with Keras's equations in numpy float64 without any code
of Seqcast's. No Keras is needed: written with h5py as make_functional_fixture.py writes its file.

    input_1 (7, 3) -> lstm = LSTM(4, return_sequences)
                   -> att = AdditiveAttention(use_scale=True)([lstm, lstm], use_causal_mask=True)     (7, 4)
                   -> att_plain = AdditiveAttention(use_scale=False)([att, att, att])                 (7, 4)
                   -> gap = GlobalAveragePooling1D -> out = Dense(3, softmax)

Keras's AdditiveAttention (keras/layers/attention/additive_attention.py, 2.12; Keras 3 the same): scores
s_ij = sum_f scale_f * tanh(q_if + k_jf) (scale = 1 without use_scale; a variable "scale" of shape (dim,), saved
as "att/scale:0"), the causal mask as Attention applies it (-1e9 added where j > i), softmax over j, then the weights
times the value. Keras 2.12 passes use_causal_mask in the call's kwargs ([[layer, node, tensor, kwargs], ...]).

Run from the repository root: /usr/bin/python3 tools/keras/make_additive_fixture.py
"""
import json
import os

import numpy as np

from expected_outputs import numpy_recurrent, softmax
from make_fixtures import OUT, rnn_config, dense_config, write_h5, tf_keras_name

VERSION = "2.12.0"
T, I, B, H = 7, 3, 4, 4


def layer(cls, cfg, inbound):
    return {"class_name": cls, "config": cfg, "name": cfg["name"], "inbound_nodes": [inbound] if inbound else []}


def additive(q, v, scale, causal):
    """Keras's AdditiveAttention on query q and value v = key (B, T, F), float64."""
    u = np.tanh(q[:, :, None, :] + v[:, None, :, :])                       # (B, Tq, Tv, F)
    s = (u * (scale if scale is not None else 1.0)).sum(axis=-1)
    if causal:
        s = s - 1e9 * np.triu(np.ones((q.shape[1], v.shape[1])), k=1)
    return softmax(s) @ v


def main():
    rng = np.random.default_rng(20261205)
    f32 = lambda a: a.astype(np.float32)
    w = {
        "lstm": [("kernel", f32(rng.uniform(-0.5, 0.5, (I, 4 * H)))),
                 ("recurrent_kernel", f32(rng.uniform(-0.5, 0.5, (H, 4 * H)))),
                 ("bias", f32(rng.uniform(-0.3, 0.3, (4 * H,))))],
        "att": [("scale", f32(rng.uniform(-1.5, 1.5, (H,))))],
        "out": [("kernel", f32(rng.uniform(-1.5, 1.5, (H, 3)))), ("bias", f32(rng.uniform(-0.2, 0.2, (3,))))],
    }
    lstm_cfg = rnn_config("LSTM", "lstm", H, return_sequences=True)
    att_cfg = {"name": "att", "trainable": True, "dtype": "float32", "use_scale": True, "dropout": 0.0}
    plain_cfg = {"name": "att_plain", "trainable": True, "dtype": "float32", "use_scale": False, "dropout": 0.0}
    layers = [
        layer("InputLayer", {"batch_input_shape": [None, T, I], "dtype": "float32", "sparse": False, "ragged": False,
                             "name": "input_1"}, None),
        layer("LSTM", lstm_cfg, [["input_1", 0, 0, {}]]),
        layer("AdditiveAttention", att_cfg, [["lstm", 0, 0, {"use_causal_mask": True}], ["lstm", 0, 0, {}]]),
        layer("AdditiveAttention", plain_cfg, [["att", 0, 0, {}], ["att", 0, 0, {}], ["att", 0, 0, {}]]),
        layer("GlobalAveragePooling1D", {"name": "gap", "trainable": True, "dtype": "float32",
                                         "data_format": "channels_last", "keepdims": False}, [["att_plain", 0, 0, {}]]),
        layer("Dense", dense_config("out", 3, "softmax"), [["gap", 0, 0, {}]]),
    ]
    model_config = {"class_name": "Functional", "config": {
        "name": "model", "layers": layers, "input_layers": [["input_1", 0, 0]], "output_layers": [["out", 0, 0]]}}
    built = [("InputLayer", {"name": "input_1"}, [])]
    kinds = {"lstm": "LSTM", "out": "Dense"}
    for l in layers[1:]:
        n = l["name"]
        built.append((kinds.get(n, l["class_name"]), {"name": n}, w.get(n, [])))
    path = os.path.join(OUT, "functional_additive_k2_12.h5")
    write_h5(path, model_config, built, VERSION, scalar_style="vlen-utf8", weight_name=tf_keras_name)

    # Keras's equations in float64 on the float32 weights and input.
    x = f32(rng.uniform(-2, 2, (B, T, I))).astype(np.float64)
    d = {k: [a.astype(np.float64) for _, a in v] for k, v in w.items()}
    lstm = numpy_recurrent("LSTM", lstm_cfg, d["lstm"], x, 2)
    att = additive(lstm, lstm, d["att"][0], causal=True)
    plain = additive(att, att, None, causal=False)
    out = softmax(plain.mean(axis=1) @ d["out"][0] + d["out"][1])
    fixture = {"keras_version": VERSION, "input_shape": [T, I], "x": x.reshape(-1).tolist(),
               "reference": "numpy float64 (Keras equations), tools/keras/make_additive_fixture.py",
               "expected": out.reshape(-1).tolist(), "expected_shape": list(out.shape)}
    with open(path + ".expected.json", "w") as f:
        json.dump(fixture, f, indent=1)
    print("wrote", path, "out", out.shape)


if __name__ == "__main__":
    main()
