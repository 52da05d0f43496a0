#!/usr/bin/env python3
"""Writes testdata/keras/functional_mha_k2_12.h5, a Keras 2 (tf.keras 2.12 layout) Functional model with two
MultiHeadAttention layers called as self-attention, and its expected outputs (functional_mha_k2_12.h5.expected.json),
computed here with Keras's equations in numpy float64 without any code of Seqcast's. No Keras is needed: the file is
written with h5py as make_functional_fixture.py writes its model.

Layout facts (tf.keras 2.12): mha(x, x) records the first argument as the inbound tensor and the second in the
inbound node's kwargs, [["dense", 0, 0, {"value": ["dense", 0, 0], "use_causal_mask": true}]]; the config holds
num_heads, key_dim, value_dim, dropout, use_bias, output_shape, attention_axes (None) and the initializers, plus
query_shape/key_shape/value_shape once built; the weights are "<layer>/query/kernel:0" (I, N, K), "query/bias:0"
(N, K), key, value likewise ((I, N, V), (N, V) for the value), "attention_output/kernel:0" (N, V, O) and
"attention_output/bias:0" (O), in that order (no biases with use_bias=False). Keras scales the query by 1/sqrt(key_dim)
and masks with a large negative adder (exp underflows to 0, as leaving the step out).

    input_1 (6, 3) -> dense = Dense(8, tanh) -> mha = MultiHeadAttention(2 heads, key_dim 3, value_dim 2)(dense, dense,
    use_causal_mask=True) (6, 8) -> add = Add([dense, mha]) -> layer_normalization -> mha_1 = MultiHeadAttention(1 head,
    key_dim 4, output_shape 5, use_bias=False)(ln, ln) (6, 5) -> gap = GlobalAveragePooling1D -> out = Dense(2)

Run from the repository root: /usr/bin/python3 tools/keras/make_mha_fixture.py
"""
import json
import os

import numpy as np

from make_attention_fixtures import layer_norm_config
from make_fixtures import OUT, dense_config, write_h5, tf_keras_name

VERSION = "2.12.0"
T, I, B = 6, 3, 4


def mha_config(name, heads, key_dim, value_dim, output_shape, use_bias, width):
    return {"name": name, "trainable": True, "dtype": "float32", "num_heads": heads, "key_dim": key_dim,
            "value_dim": value_dim, "dropout": 0.0, "use_bias": use_bias, "output_shape": output_shape,
            "attention_axes": None,
            "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
            "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": None,
            "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None,
            "query_shape": [None, T, width], "key_shape": [None, T, width], "value_shape": [None, T, width]}


def self_attention_node(name, causal):
    kwargs = {"value": [name, 0, 0]}
    if causal:
        kwargs["use_causal_mask"] = True
    return [[[name, 0, 0, kwargs]]]


def layer(cls, cfg, inbound):
    return {"class_name": cls, "config": cfg, "name": cfg["name"], "inbound_nodes": inbound}


def plain(*names):
    return [[[n, 0, 0, {}] for n in names]]


def mha_weights(rng, width, heads, key_dim, value_dim, out, use_bias):
    f32 = lambda a: a.astype(np.float32)
    w = []
    for role, d in (("query", key_dim), ("key", key_dim), ("value", value_dim)):
        w.append((role + "/kernel", f32(rng.uniform(-0.6, 0.6, (width, heads, d)))))
        if use_bias:
            w.append((role + "/bias", f32(rng.uniform(-0.3, 0.3, (heads, d)))))
    w.append(("attention_output/kernel", f32(rng.uniform(-0.6, 0.6, (heads, value_dim, out)))))
    if use_bias:
        w.append(("attention_output/bias", f32(rng.uniform(-0.3, 0.3, (out,)))))
    return w


def numpy_mha(x, w, causal):
    """Keras's MultiHeadAttention(x, x) in float64: einsum projections, query / sqrt(K), softmax, output einsum."""
    d = {k: a.astype(np.float64) for k, a in w}
    q = np.einsum("bti,ink->btnk", x, d["query/kernel"]) + d.get("query/bias", 0)
    k = np.einsum("bti,ink->btnk", x, d["key/kernel"]) + d.get("key/bias", 0)
    v = np.einsum("bti,inv->btnv", x, d["value/kernel"]) + d.get("value/bias", 0)
    q = q / np.sqrt(q.shape[-1])
    s = np.einsum("bqnk,btnk->bnqt", q, k)
    if causal:
        s = np.where(np.tril(np.ones((x.shape[1], x.shape[1]), dtype=bool)), s, -np.inf)
    a = np.exp(s - s.max(axis=-1, keepdims=True))
    a = a / a.sum(axis=-1, keepdims=True)
    c = np.einsum("bnqt,btnv->bqnv", a, v)
    return np.einsum("bqnv,nvo->bqo", c, d["attention_output/kernel"]) + d.get("attention_output/bias", 0)


def main():
    rng = np.random.default_rng(20261205)
    f32 = lambda a: a.astype(np.float32)
    w = {
        "dense": [("kernel", f32(rng.uniform(-0.8, 0.8, (I, 8)))), ("bias", f32(rng.uniform(-0.2, 0.2, (8,))))],
        "mha": mha_weights(rng, 8, 2, 3, 2, 8, True),
        "layer_normalization": [("gamma", f32(rng.uniform(0.5, 1.5, (8,)))), ("beta", f32(rng.uniform(-0.5, 0.5, (8,))))],
        "mha_1": mha_weights(rng, 8, 1, 4, 4, 5, False),
        "out": [("kernel", f32(rng.uniform(-0.8, 0.8, (5, 2)))), ("bias", f32(rng.uniform(-0.2, 0.2, (2,))))],
    }
    layers = [
        layer("InputLayer", {"batch_input_shape": [None, T, I], "dtype": "float32", "sparse": False, "ragged": False,
                             "name": "input_1"}, []),
        layer("Dense", dense_config("dense", 8, "tanh"), plain("input_1")),
        layer("MultiHeadAttention", mha_config("mha", 2, 3, 2, None, True, 8), self_attention_node("dense", True)),
        layer("Add", {"name": "add", "trainable": True, "dtype": "float32"}, plain("dense", "mha")),
        layer("LayerNormalization", layer_norm_config("layer_normalization", [2], 1e-3), plain("add")),
        layer("MultiHeadAttention", mha_config("mha_1", 1, 4, 4, [5], False, 8),
              self_attention_node("layer_normalization", False)),
        layer("GlobalAveragePooling1D", {"name": "gap", "trainable": True, "dtype": "float32",
                                         "data_format": "channels_last", "keepdims": False}, plain("mha_1")),
        layer("Dense", dense_config("out", 2), plain("gap")),
    ]
    model_config = {"class_name": "Functional", "config": {
        "name": "model", "layers": layers, "input_layers": [["input_1", 0, 0]], "output_layers": [["out", 0, 0]]}}
    built = [(l["class_name"], {"name": l["name"]}, w.get(l["name"], [])) for l in layers]
    path = os.path.join(OUT, "functional_mha_k2_12.h5")
    write_h5(path, model_config, built, VERSION, scalar_style="vlen-utf8", weight_name=tf_keras_name)

    # Keras's equations in float64 on the float32 weights and input.
    x = f32(rng.uniform(-2, 2, (B, T, I))).astype(np.float64)
    d = {k: [a.astype(np.float64) for _, a in v] for k, v in w.items()}
    dense = np.tanh(x @ d["dense"][0] + d["dense"][1])
    add = dense + numpy_mha(dense, w["mha"], True)
    mu = add.mean(axis=-1, keepdims=True)
    var = ((add - mu) ** 2).mean(axis=-1, keepdims=True)
    ln = d["layer_normalization"][0] * (add - mu) / np.sqrt(var + 1e-3) + d["layer_normalization"][1]
    out = numpy_mha(ln, w["mha_1"], False).mean(axis=1) @ d["out"][0] + d["out"][1]
    fixture = {"keras_version": VERSION, "input_shape": [T, I], "x": x.reshape(-1).tolist(),
               "reference": "numpy float64 (Keras equations), tools/keras/make_mha_fixture.py",
               "expected": out.reshape(-1).tolist(), "expected_shape": list(out.shape)}
    with open(path + ".expected.json", "w") as f:
        json.dump(fixture, f, indent=1)
    print("wrote", path, "out", out.shape)


if __name__ == "__main__":
    main()
