#!/usr/bin/env python3
"""Computes, independently of Seqcast, what each Keras model file in testdata/keras
outputs for a fixed input, and writes one JSON fixture per file next to it (<file>.expected.json), which
KerasImportTest compares Seqcast's predictions with. Run from the repository root with Debian's PyTorch and
h5py (apt-get install python3-torch python3-h5py):

    /usr/bin/python3 tools/keras/expected_outputs.py [file ...]     (only those files when named)

Each model is read here with h5py, without any code of Seqcast's, and evaluated two ways:
  * numpy, float64, Keras's own equations on the weights in Keras's layout and gate order (kernel (I, G·H),
    LSTM gates i, f, c, o; GRU gates z, r, h; reset_after=True: bias (2, 3H) = input and recurrent rows,
    n = act(x W_h + b_h + r ⊙ (h U_h + b'_h)); reset_after=False: bias (3H), n = act(x W_h + b_h + (r ⊙ h) U_h));
    hard_sigmoid as the Keras version that saved the file defines it: Keras 1-2 clip(0.2x + 0.5, 0, 1), Keras 3
    relu6(x + 3) / 6; Conv1D as a sum over taps of x[t·s + j·d] @ kernel[j] on the zero-padded input (kernel
    (k, I, O); same padding: TensorFlow's split, the odd step after; causal: (k - 1)·d steps before), the 1-D
    poolings over the steps of each window inside the sequence, Flatten in C order. This covers every file, including the reset-before GRU and hard_sigmoid that PyTorch lacks;
  * PyTorch (torch.nn.LSTM / GRU / RNN / Linear / Conv1d / MaxPool1d / AvgPool1d), float64, with the weights converted to PyTorch's layout here
    (transposed; GRU gates reordered z, r, h -> r, z, n; single biases into bias_ih, zero bias_hh), for the files
    whose every layer PyTorch has (sigmoid gates, tanh cells, GRU reset_after=True, RNN tanh/relu).
When both apply they must agree to 1e-12 (this script fails otherwise), and the fixture's "expected" is
PyTorch's; otherwise it is numpy's. Inputs: a fixed uniform draw per file (in [0, 1] for the real files, which
were trained on min-max scaled data; in [-3, 3] for ours, so that hard-sigmoid gates reach their clipped parts),
rounded to float32, B = 4 rows. Files that use hard_sigmoid also get "other_hard_sigmoid", the output with the
other Keras major's definition, which the tests require Seqcast to be far from.
"""
import glob
import json
import os
import zipfile
import io
import sys

import h5py
import numpy as np
import torch

HERE = os.path.join(os.path.dirname(__file__), "..", "..", "testdata", "keras")
RECURRENT = ("LSTM", "GRU", "SimpleRNN")
CONVOLUTIONAL = ("Conv1D", "MaxPooling1D", "AveragePooling1D", "GlobalAveragePooling1D", "Flatten")
B = 4


def text(v):
    return v.decode("utf8") if isinstance(v, (bytes, np.bytes_)) else str(v)


def names(attrs, key):
    if key in attrs:
        v = attrs[key]
        return [] if v.dtype.kind == "f" else [text(s) for s in v]
    out, k = [], 0
    while f"{key}{k}" in attrs:                       # chunked by save_attributes_to_hdf5_group
        out += [text(s) for s in attrs[f"{key}{k}"]]
        k += 1
    return out


def read_h5(path):
    f = h5py.File(path, "r")
    config = json.loads(text(f.attrs["model_config"]))
    version = text(f.attrs["keras_version"])
    mw = f["model_weights"]
    weights = {}
    for layer in names(mw.attrs, "layer_names"):
        g = mw[layer]
        weights[layer] = [np.asarray(g[n], dtype=np.float64) for n in names(g.attrs, "weight_names")]
    return config, version, weights


def snake(cls):
    return {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "simple_rnn", "Dense": "dense", "Dropout": "dropout",
            "Bidirectional": "bidirectional", "RepeatVector": "repeat_vector", "TimeDistributed": "time_distributed",
            "Conv1D": "conv1d", "MaxPooling1D": "max_pooling1d", "AveragePooling1D": "average_pooling1d",
            "GlobalAveragePooling1D": "global_average_pooling1d", "Flatten": "flatten",
            "LayerNormalization": "layer_normalization", "BatchNormalization": "batch_normalization",
            "Masking": "masking"}[cls]


def read_keras(path):
    z = zipfile.ZipFile(path)
    config = json.loads(z.read("config.json"))
    version = json.loads(z.read("metadata.json"))["keras_version"]
    f = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
    weights, used = {}, {}
    for layer in config["config"]["layers"]:
        cls = layer["class_name"]
        if cls == "InputLayer":
            continue
        base = snake(cls)
        used[base] = used.get(base, -1) + 1
        name = base if used[base] == 0 else f"{base}_{used[base]}"
        if cls == "Bidirectional":                   # forward_layer's variables, then backward_layer's
            groups = [f"layers/{name}/forward_layer/cell/vars", f"layers/{name}/backward_layer/cell/vars"]
        elif cls == "TimeDistributed":               # the wrapper's "layer" attribute
            groups = [f"layers/{name}/layer/vars"]
        else:
            groups = [f"layers/{name}/cell/vars" if cls in RECURRENT else f"layers/{name}/vars"]
        weights[layer["config"]["name"]] = []
        for group in groups:
            vs = f[group] if group in f else {}
            weights[layer["config"]["name"]] += [np.asarray(vs[str(i)], dtype=np.float64) for i in range(len(vs))]
    return config, version, weights


def layers_of(config):
    return [(l["class_name"], l["config"]) for l in config["config"]["layers"]]


def input_shape(config):
    for cls, c in layers_of(config):
        for key in ("batch_shape", "batch_input_shape"):
            if key in c:
                return c[key][1:]
    return config["config"]["build_input_shape"][1:]


def activation(name, keras_major):
    if name == "hard_sigmoid":
        if keras_major >= 3:
            return lambda x: np.minimum(np.maximum(x + 3.0, 0.0), 6.0) / 6.0
        return lambda x: np.clip(0.2 * x + 0.5, 0.0, 1.0)
    return {"tanh": np.tanh, "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x)), "relu": lambda x: np.maximum(x, 0.0),
            "linear": lambda x: x, "softmax": softmax}[name]


def softmax(x):
    """Keras's softmax over the last axis."""
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def one(v):
    """A 1-D option: an int or a list of one."""
    return v[0] if isinstance(v, list) else v


def padded_steps(padding, T, span, stride):
    """(before, after, T') of Keras's padding (TensorFlow's same: the odd padded step after)."""
    if padding == "valid":
        return 0, 0, (T - span) // stride + 1
    if padding == "causal":
        return span - 1, 0, (T - 1) // stride + 1
    out = -(-T // stride)
    total = max((out - 1) * stride + span - T, 0)
    return total // 2, total - total // 2, out


def numpy_conv_or_pool(cls, c, w, out, act):
    """Conv1D (kernel (k, I, O)), MaxPooling1D, AveragePooling1D, GlobalAveragePooling1D, Flatten on (B, T, F)."""
    if cls == "Flatten":
        return out.reshape(out.shape[0], -1)
    if cls == "GlobalAveragePooling1D":
        return out.mean(axis=1)
    B, T, _ = out.shape
    if cls == "Conv1D":
        k, d, s = one(c["kernel_size"]), one(c.get("dilation_rate", 1)), one(c.get("strides", 1))
        before, after, n = padded_steps(c.get("padding", "valid"), T, (k - 1) * d + 1, s)
        xp = np.concatenate([np.zeros((B, before, out.shape[2])), out, np.zeros((B, after, out.shape[2]))], axis=1)
        y = np.zeros((B, n, w[0].shape[2]))
        for t in range(n):
            for j in range(k):
                y[:, t, :] += xp[:, t * s + j * d, :] @ w[0][j]
        return act(y + w[1]) if c.get("use_bias", True) else act(y)
    p = one(c["pool_size"])
    s = one(c["strides"]) if c.get("strides") is not None else p
    before, _, n = padded_steps(c.get("padding", "valid"), T, p, s)
    steps = []
    for t in range(n):
        window = out[:, max(t * s - before, 0):min(t * s - before + p, T), :]
        steps.append(window.max(axis=1) if cls == "MaxPooling1D" else window.mean(axis=1))
    return np.stack(steps, axis=1)


def numpy_forward(config, weights, x, major):
    """Keras's equations, float64, Keras layout. x (B, T, I). A Masking's mask (keep, (B, T)) reaches the recurrent
    layers after it through Dense and recurrent layers that return sequences, which skip the masked steps."""
    out = x
    keep = None
    for cls, c in layers_of(config):
        if cls in ("InputLayer", "Dropout"):
            continue
        if cls == "Masking":                             # keep_t = any_f (x_tf != mask_value); x_t * keep_t
            keep = (out != c.get("mask_value", 0.0)).any(axis=-1)
            out = out * keep[..., None]
            continue
        w = weights.get(c["name"], [])
        if cls in CONVOLUTIONAL:                         # Conv1D, the poolings and Flatten (C order)
            out = numpy_conv_or_pool(cls, c, w, out, activation(c.get("activation", "linear"), major))
            continue
        if cls == "Dense":
            out = activation(c["activation"], major)(out @ w[0] + w[1])
            continue
        if cls == "LayerNormalization":                  # over the last axis: gamma (x - mean) / sqrt(var + eps) + beta
            mean = out.mean(axis=-1, keepdims=True)
            var = ((out - mean) ** 2).mean(axis=-1, keepdims=True)
            out = w[0] * (out - mean) / np.sqrt(var + c["epsilon"]) + w[1]
            continue
        if cls == "BatchNormalization":                  # inference: gamma (x - moving_mean) / sqrt(moving_var + eps) + beta
            ws = list(w)
            gamma = ws.pop(0) if c.get("scale", True) else 1.0
            beta = ws.pop(0) if c.get("center", True) else 0.0
            out = gamma * (out - ws[0]) / np.sqrt(ws[1] + c["epsilon"]) + beta
            continue
        if cls == "RepeatVector":                        # (B, F) -> (B, n, F)
            out = np.repeat(out[:, None, :], c["n"], axis=1)
            continue
        if cls == "TimeDistributed":                     # the wrapped Dense on every step
            out = activation(c["layer"]["config"]["activation"], major)(out @ w[0] + w[1])
            continue
        if cls == "Bidirectional":
            # Keras's Bidirectional: the backward layer reads the steps reversed (go_backwards) and its output
            # sequence is reversed back before the merge; the last step of each is its final state.
            inner, half = c["layer"]["class_name"], len(w) // 2
            ic = c["layer"]["config"]
            f = numpy_recurrent(inner, ic, w[:half], out, major)
            b = numpy_recurrent(inner, ic, w[half:], out[:, ::-1, :], major)
            out = merge(c.get("merge_mode", "concat"), f, b[:, ::-1, :] if ic.get("return_sequences") else b)
            continue
        out = numpy_recurrent(cls, c, w, out, major, keep)
        keep = keep if c.get("return_sequences") else None
    return out


def merge(mode, f, b):
    return {"concat": lambda: np.concatenate([f, b], axis=-1), "sum": lambda: f + b, "mul": lambda: f * b,
            "ave": lambda: (f + b) / 2}[mode]()


def numpy_recurrent(cls, c, w, out, major, keep=None):
    """One LSTM, GRU or SimpleRNN layer with Keras's equations on x (B, T, I); where keep (B, T) is False the step is
    skipped: the state carries over (Keras's backend.rnn with a mask, zero_output_for_mask=False)."""
    act = activation(c["activation"], major)
    rec = activation(c.get("recurrent_activation", "sigmoid"), major)
    kernel, recurrent, bias = w
    H = c["units"]
    h = np.zeros((out.shape[0], H))
    cell = np.zeros((out.shape[0], H))
    seq = []
    for t in range(out.shape[1]):
        xt = out[:, t, :]
        h_before, cell_before = h, cell
        if cls == "SimpleRNN":
            h = act(xt @ kernel + bias + h @ recurrent)
        elif cls == "LSTM":
            z = xt @ kernel + h @ recurrent + bias
            i, f, cc, o = (z[:, k * H:(k + 1) * H] for k in range(4))       # Keras order i, f, c, o
            cell = rec(f) * cell + rec(i) * act(cc)
            h = rec(o) * act(cell)
        elif c.get("reset_after", False):
            mx = xt @ kernel + bias[0]
            mh = h @ recurrent + bias[1]
            x_z, x_r, x_h = (mx[:, k * H:(k + 1) * H] for k in range(3))      # Keras order z, r, h
            r_z, r_r, r_h = (mh[:, k * H:(k + 1) * H] for k in range(3))
            zg = rec(x_z + r_z)
            r = rec(x_r + r_r)
            hh = act(x_h + r * r_h)
            h = zg * h + (1 - zg) * hh
        else:
            mx = xt @ kernel + bias
            x_z, x_r, x_h = (mx[:, k * H:(k + 1) * H] for k in range(3))
            zg = rec(x_z + h @ recurrent[:, :H])
            r = rec(x_r + h @ recurrent[:, H:2 * H])
            hh = act(x_h + (r * h) @ recurrent[:, 2 * H:])
            h = zg * h + (1 - zg) * hh
        if keep is not None:
            h = np.where(keep[:, t:t + 1], h, h_before)
            cell = np.where(keep[:, t:t + 1], cell, cell_before)
        seq.append(h)
    return np.stack(seq, axis=1) if c.get("return_sequences") else h


def torch_supported(config):
    for cls, c in layers_of(config):
        if cls in ("Bidirectional", "TimeDistributed"):
            cls, c = c["layer"]["class_name"], c["layer"]["config"]
        if cls in ("RepeatVector", "LayerNormalization", "BatchNormalization", "Masking"):
            return False                                   # not among the modules torch_forward builds
        if cls in RECURRENT:
            if c.get("recurrent_activation", "sigmoid") != "sigmoid":
                return False
            if cls in ("LSTM", "GRU") and c["activation"] != "tanh":
                return False
            if cls == "SimpleRNN" and c["activation"] not in ("tanh", "relu"):
                return False
            if cls == "GRU" and not c.get("reset_after", False):
                return False
        if cls in ("Dense", "Conv1D") and c.get("activation") not in ("linear", "relu", "tanh", "sigmoid"):
            return False
        if cls in CONVOLUTIONAL and c.get("padding", "valid") != "valid":
            return False
    return True


def torch_forward(config, weights, x):
    """PyTorch modules, float64, weights converted from Keras's layout here."""
    out = torch.tensor(x, dtype=torch.float64)
    with torch.no_grad():
        for cls, c in layers_of(config):
            if cls in ("InputLayer", "Dropout"):
                continue
            w = [torch.tensor(a, dtype=torch.float64) for a in weights[c["name"]]]
            if cls == "Conv1D":                                     # kernel (k, I, O) -> weight (O, I, k)
                conv = torch.nn.Conv1d(w[0].shape[1], w[0].shape[2], one(c["kernel_size"]), stride=one(c["strides"]),
                                       dilation=one(c["dilation_rate"]), bias=c["use_bias"]).double()
                conv.weight.copy_(w[0].permute(2, 1, 0))
                if c["use_bias"]:
                    conv.bias.copy_(w[1])
                out = conv(out.transpose(1, 2)).transpose(1, 2)
                out = {"linear": lambda v: v, "relu": torch.relu, "tanh": torch.tanh,
                       "sigmoid": torch.sigmoid}[c["activation"]](out)
                continue
            if cls in ("MaxPooling1D", "AveragePooling1D"):
                p = one(c["pool_size"])
                s = one(c["strides"]) if c.get("strides") is not None else p
                pool = torch.nn.MaxPool1d(p, s) if cls == "MaxPooling1D" else torch.nn.AvgPool1d(p, s)
                out = pool(out.transpose(1, 2)).transpose(1, 2)
                continue
            if cls == "GlobalAveragePooling1D":
                out = out.mean(dim=1)
                continue
            if cls == "Flatten":
                out = out.reshape(out.shape[0], -1)
                continue
            if cls == "Dense":
                lin = torch.nn.Linear(w[0].shape[0], w[0].shape[1]).double()
                lin.weight.copy_(w[0].T)
                lin.bias.copy_(w[1])
                out = lin(out)
                out = {"linear": lambda v: v, "relu": torch.relu, "tanh": torch.tanh,
                       "sigmoid": torch.sigmoid}[c["activation"]](out)
                continue
            if cls == "Bidirectional":
                # PyTorch's bidirectional module: the backward layer's weights as *_reverse; its output holds
                # [forward_t, backward_t] with the backward half in forward time order; h_n's are the last steps.
                inner, ic, half = c["layer"]["class_name"], c["layer"]["config"], len(w) // 2
                H = ic["units"]
                m = torch_module(inner, ic, w[0].shape[0], bidirectional=True)
                for suffix, part in (("", w[:half]), ("_reverse", w[half:])):
                    for key, value in zip(("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"),
                                          torch_weights(inner, H, part)):
                        getattr(m, key + suffix).copy_(value)
                seq, _ = m(out)
                f, b = seq[..., :H], seq[..., H:]
                if not ic.get("return_sequences"):
                    f, b = f[:, -1, :], b[:, 0, :]
                out = {"concat": lambda: torch.cat([f, b], dim=-1), "sum": lambda: f + b, "mul": lambda: f * b,
                       "ave": lambda: (f + b) / 2}[c.get("merge_mode", "concat")]()
                continue
            kernel, recurrent, bias = w
            H = c["units"]
            if cls == "GRU":                                        # z, r, h -> r, z, n
                perm = torch.cat([torch.arange(H, 2 * H), torch.arange(0, H), torch.arange(2 * H, 3 * H)])
                kernel, recurrent = kernel[:, perm], recurrent[:, perm]
                b_ih, b_hh = bias[0][perm], bias[1][perm]
                m = torch.nn.GRU(kernel.shape[0], H, batch_first=True).double()
            else:
                b_ih, b_hh = bias, torch.zeros_like(bias)
                m = (torch.nn.LSTM(kernel.shape[0], H, batch_first=True) if cls == "LSTM"
                     else torch.nn.RNN(kernel.shape[0], H, nonlinearity=c["activation"], batch_first=True)).double()
            m.weight_ih_l0.copy_(kernel.T)
            m.weight_hh_l0.copy_(recurrent.T)
            m.bias_ih_l0.copy_(b_ih)
            m.bias_hh_l0.copy_(b_hh)
            seq, _ = m(out)
            out = seq if c.get("return_sequences") else seq[:, -1, :]
    return out.numpy()


def torch_weights(cls, H, w):
    """Keras's kernel, recurrent_kernel, bias -> PyTorch's weight_ih, weight_hh, bias_ih, bias_hh."""
    kernel, recurrent, bias = w
    if cls == "GRU":                                            # z, r, h -> r, z, n
        perm = torch.cat([torch.arange(H, 2 * H), torch.arange(0, H), torch.arange(2 * H, 3 * H)])
        return kernel[:, perm].T, recurrent[:, perm].T, bias[0][perm], bias[1][perm]
    return kernel.T, recurrent.T, bias, torch.zeros_like(bias)


def torch_module(cls, c, inputs, bidirectional):
    H = c["units"]
    if cls == "GRU":
        return torch.nn.GRU(inputs, H, batch_first=True, bidirectional=bidirectional).double()
    if cls == "LSTM":
        return torch.nn.LSTM(inputs, H, batch_first=True, bidirectional=bidirectional).double()
    return torch.nn.RNN(inputs, H, nonlinearity=c["activation"], batch_first=True, bidirectional=bidirectional).double()


def main():
    files = sorted(glob.glob(os.path.join(HERE, "*.h5")) + glob.glob(os.path.join(HERE, "*.keras")))
    if len(sys.argv) > 1:                                   # only the files named (e.g. a newly added one)
        files = [f for f in files if os.path.basename(f) in sys.argv[1:]]
    for path in files:
        name = os.path.basename(path)
        if name.startswith("bad_"):
            continue
        config, version, weights = read_keras(path) if name.endswith(".keras") else read_h5(path)
        if config.get("class_name") in ("Functional", "Model"):
            continue                                        # references: generate_attention_torch.py, make_functional_fixture.py
        major = int(version.split(".")[0])
        shape = input_shape(config)
        steps = shape[0] if shape[0] is not None else 7
        real = not any(name.startswith(p) for p in ("gru_after", "hardsig", "lstm_gru", "gru_rnn", "wrappers",
                                                      "layernorm", "batchnorm", "masking"))
        rng = np.random.RandomState(sum(map(ord, name)))
        low, high = (0.0, 1.0) if real else (-3.0, 3.0)
        x = rng.uniform(low, high, (B, steps, shape[1])).astype(np.float32).astype(np.float64)
        masking = [c for cls, c in layers_of(config) if cls == "Masking"]
        if masking:                                         # padded steps: at the end, at the start, in the middle
            v = masking[0].get("mask_value", 0.0)
            x[0, -2:, :] = v
            x[1, :2, :] = v
            x[2, steps // 2, :] = v
        ref = numpy_forward(config, weights, x, major)
        fixture = {"file": name, "keras_version": version, "input_shape": [steps, shape[1]],
                   "x": x.reshape(-1).tolist(), "expected_shape": list(ref.shape),
                   "numpy_float64": ref.reshape(-1).tolist()}
        if "hard_sigmoid" in json.dumps(config):
            # The same model read with the other Keras major's hard_sigmoid: the negative control that shows the
            # version matters for this file.
            other = numpy_forward(config, weights, x, 2 if major >= 3 else 3)
            fixture["other_hard_sigmoid"] = other.reshape(-1).tolist()
        if torch_supported(config):
            t = torch_forward(config, weights, x)
            diff = float(np.max(np.abs(t - ref)) / np.max(np.abs(ref)))
            assert diff < 1e-12, f"{name}: PyTorch and numpy disagree ({diff})"
            fixture.update({"reference": "pytorch float64", "expected": t.reshape(-1).tolist(),
                            "torch_vs_numpy_max_rel": diff})
        else:
            fixture.update({"reference": "numpy float64 (Keras equations)", "expected": ref.reshape(-1).tolist()})
        with open(path + ".expected.json", "w") as f:
            json.dump(fixture, f, indent=1)
        print(f"{name}: Keras {version}, x {list(x.shape)} -> {list(ref.shape)}, reference {fixture['reference']}"
              + (f", torch vs numpy {fixture['torch_vs_numpy_max_rel']:.1e}" if "torch_vs_numpy_max_rel" in fixture else ""))


if __name__ == "__main__":
    main()
