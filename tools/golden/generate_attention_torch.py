#!/usr/bin/env python3
"""Writes the PyTorch golden fixtures of the attention-related layers that seqcast-core's GoldenAttentionTorchTest
checks (the fixture format of generate_conv_torch.py).

Run from the repository root with Debian's PyTorch (apt-get install python3-torch):

    /usr/bin/python3 tools/golden/generate_attention_torch.py

LayerNormalization is nn.LayerNorm(F, eps) over the last axis (weight = Keras's gamma, bias = beta). Attention is
Keras's Attention()([x, x]) written with PyTorch's operators: dot scores x @ x^T (times a learned scalar "scale"
with use_scale), or concat scores w * sum_f tanh(scale * (x_if + x_jf)) (Keras's score_mode="concat", w the
learned scalar "concat_score_weight"), the causal mask as Keras applies it (-1e9 added above the diagonal), softmax over the
keys, then the weights times x. Parameters carry Seqcast's Sequential state-dict names ("0.weight", "1.scale").
Each fixture (seqcast-core/src/test/resources/golden/<case>.json) holds the architecture, x (B, T, I), y, the
parameters, the output, the MSE loss, every parameter gradient, dL/dx, and the losses of 10 full-batch Adam steps.
Weights, x and y are rounded to float32; everything after that is float64. Deterministic: a fixed seed per case.
"""
import os
import sys

import torch
import torch.nn as nn

from goldenio import ADAM, adam, as_json, f32, optimizer_losses, write

ACT = {"linear": lambda a: a, "relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}


class Attention(nn.Module):
    """Keras's Attention()([x, x]): dot or concat scores, optional learned scale and causal mask."""

    def __init__(self, use_scale, causal, score_mode):
        super().__init__()
        self.causal = causal
        self.concat = score_mode == "concat"
        self.scale = nn.Parameter(torch.ones(1)) if use_scale else None
        if self.concat:
            self.concat_score_weight = nn.Parameter(torch.ones(1))

    def forward(self, x):                                                     # x (B, T, F)
        c = self.scale if self.scale is not None else 1.0
        if self.concat:                                                        # w sum_f tanh(c (x_if + x_jf))
            s = self.concat_score_weight * torch.tanh(c * (x[:, :, None, :] + x[:, None, :, :])).sum(dim=-1)
        else:
            s = c * (x @ x.transpose(1, 2))                                    # c x_i . x_j
        if self.causal:
            T = x.shape[1]
            above = torch.triu(torch.ones(T, T, dtype=x.dtype), diagonal=1)
            s = s - 1.0e9 * above                                              # Keras's mask
        return torch.softmax(s, dim=-1) @ x                                    # y_i = sum_j a_ij x_j


def is_gamma(net, name):
    module = getattr(net, name.split(".")[0])
    return isinstance(module, nn.LayerNorm) and name.endswith("weight")


class Net(nn.Module):
    def __init__(self, arch, features):
        super().__init__()
        self.arch = arch
        width = features
        for k, layer in enumerate(arch):
            kind = layer["type"]
            if kind == "LayerNormalization":
                self.add_module(str(k), nn.LayerNorm(width, eps=layer["epsilon"]))
            elif kind == "Attention":
                self.add_module(str(k), Attention(layer.get("use_scale", False), layer.get("causal", False),
                                                  layer.get("score_mode", "dot")))
            elif kind == "LSTM":
                self.add_module(str(k), nn.LSTM(width, layer["units"], batch_first=True))
                width = layer["units"]
            elif kind == "Dense":
                self.add_module(str(k), nn.Linear(width, layer["units"]))
                width = layer["units"]

    def forward(self, x):
        a = x
        for k, layer in enumerate(self.arch):
            kind = layer["type"]
            if kind in ("LayerNormalization", "Attention"):
                a = getattr(self, str(k))(a)
            elif kind == "GlobalAveragePooling1D":
                a = a.mean(dim=1)
            elif kind == "LSTM":
                out, _ = getattr(self, str(k))(a)
                a = out if layer.get("return_sequences", False) else out[:, -1, :]
            elif kind == "Dense":
                a = ACT[layer.get("activation", "linear")](getattr(self, str(k))(a))
            else:
                raise ValueError(kind)
        return a


CASES = [
    ("layer_norm_sequences_and_vector",
     [{"type": "LayerNormalization", "epsilon": 1e-5}, {"type": "LSTM", "units": 5, "return_sequences": True},
      {"type": "LayerNormalization", "epsilon": 1e-3}, {"type": "LSTM", "units": 4},
      {"type": "LayerNormalization", "epsilon": 0.01}, {"type": "Dense", "units": 2}], 3, 6, 3),
    ("attention_dot_lstm",
     [{"type": "Dense", "units": 4, "activation": "tanh"}, {"type": "Attention"},
      {"type": "LSTM", "units": 4}, {"type": "Dense", "units": 2}], 3, 7, 2),
    ("attention_scaled_causal_sequence",
     [{"type": "LSTM", "units": 5, "return_sequences": True}, {"type": "Attention", "use_scale": True, "causal": True},
      {"type": "LayerNormalization", "epsilon": 1e-3}, {"type": "Dense", "units": 2}], 2, 8, 3),
    ("attention_concat",
     [{"type": "LSTM", "units": 4, "return_sequences": True}, {"type": "Attention", "score_mode": "concat"},
      {"type": "LSTM", "units": 3}, {"type": "Dense", "units": 2}], 3, 6, 2),
    ("attention_concat_scaled_causal",
     [{"type": "Dense", "units": 3, "activation": "tanh"},
      {"type": "Attention", "score_mode": "concat", "use_scale": True, "causal": True},
      {"type": "Dense", "units": 1}], 2, 7, 3),
]


def make_case(seed, name, arch, B, T, I, weights=None):
    """weights: a state dict to use instead of random parameters (a real Keras file's); x is then in [0, 1]."""
    torch.manual_seed(seed)
    net = Net(arch, I).double()
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(f32(p))
        for pname, p in net.named_parameters():
            if pname.endswith("scale") or pname.endswith("concat_score_weight") or is_gamma(net, pname):
                p.copy_(f32(0.5 + torch.rand_like(p)))             # scales near 1, away from their initial 1
            elif p.dim() == 1:                                     # biases away from zero, so that they matter
                p.copy_(f32(torch.rand_like(p) - 0.5))
        if weights is not None:
            net.load_state_dict(weights)
    params = {k: as_json(v) for k, v in net.state_dict().items()}
    x = torch.rand(B, T, I, dtype=torch.float64) if weights is not None else torch.randn(B, T, I, dtype=torch.float64)
    x = f32(x).requires_grad_(True)
    out = net(x)
    y = f32(torch.randn(*out.shape, dtype=torch.float64))
    loss = torch.mean((out - y) ** 2)
    loss.backward()
    grads = {k: as_json(p.grad) for k, p in net.named_parameters()}
    dx = as_json(x.grad)
    x = x.detach()
    # full-batch Adam steps, as Sequential.fit runs them
    losses = optimizer_losses(adam(net.parameters()), lambda: torch.mean((net(x) - y) ** 2))
    return {
        "case": name,
        "generator": "tools/golden/generate_attention_torch.py",
        "torch_version": torch.__version__,
        "python_version": sys.version.split()[0],
        "architecture": arch,
        "input_shape": [T, I],
        "loss": "mse",
        "x": as_json(x),
        "y": as_json(y),
        "params": params,
        "output": as_json(out),
        "loss_value": float(loss),
        "grads": grads,
        "dx": dx,
        "optimizer": {**ADAM, "losses": losses},
    }


REAL_FILE = os.path.join(os.path.dirname(__file__), "..", "..", "testdata", "keras", "lstm_attn_gap_k3_legacy.h5")
REAL_ARCH = [{"type": "LSTM", "units": 64, "return_sequences": True}, {"type": "Attention"},
             {"type": "GlobalAveragePooling1D"}, {"type": "Dense", "units": 32, "activation": "relu"},
             {"type": "Dense", "units": 2}]


def real_keras_weights():
    """The real Keras 3.9 file's weights (a functional model: LSTM(64, seq) -> Attention([lstm, lstm]) -> GAP ->
    Dense(32, relu) -> Dense(2)) as this chain's state dict: Keras's LSTM gates i, f, c, o are PyTorch's i, f, g, o,
    kernels transposed, Keras's one bias as bias_ih and a zero bias_hh."""
    import h5py
    with h5py.File(REAL_FILE, "r") as f:
        w = f["model_weights"]

        def t(path):
            return torch.tensor(w[path][()], dtype=torch.float64)
        lstm = "lstm_3/lstm_3/lstm_cell/"
        return {"0.weight_ih_l0": t(lstm + "kernel").T, "0.weight_hh_l0": t(lstm + "recurrent_kernel").T,
                "0.bias_ih_l0": t(lstm + "bias"), "0.bias_hh_l0": torch.zeros(256, dtype=torch.float64),
                "3.weight": t("dense_5/dense_5/kernel").T, "3.bias": t("dense_5/dense_5/bias"),
                "4.weight": t("dense_6/dense_6/kernel").T, "4.bias": t("dense_6/dense_6/bias")}


def main():
    cases = [(seed, spec, None) for seed, spec in enumerate(CASES, start=201)]
    cases.append((301, ("attention_real_keras_lstm_attn_gap", REAL_ARCH, 4, 4, 1), real_keras_weights()))
    for seed, spec, weights in cases:
        case = make_case(seed, *spec, weights=weights)
        write(case, spec[0], "output", case["output"]["shape"])


if __name__ == "__main__":
    main()
