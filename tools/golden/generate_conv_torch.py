#!/usr/bin/env python3
"""Writes the PyTorch golden fixtures of the convolutional layers that seqcast-core's GoldenConvTorchTest checks.

Run from the repository root with Debian's PyTorch (apt-get install python3-torch):

    /usr/bin/python3 tools/golden/generate_conv_torch.py

Keras's semantics written with PyTorch's functional operators: Conv1D as F.conv1d on a zero-padded input
(valid: no padding; same: TensorFlow's split, the odd step after; causal: (k - 1)·d steps before), the
1-D poolings as explicit windows over the steps inside the sequence (max ignores padded steps, the average
divides by the steps it saw), GlobalAveragePooling1D as the mean over time, Flatten in C order of (B, T, F).
Parameters carry Seqcast's Sequential state-dict names ("0.weight": Conv1d's (O, I, k)). Each fixture
(seqcast-core/src/test/resources/golden/<case>.json) holds the architecture, x (B, T, I), y, the parameters,
the output, the MSE loss, every parameter gradient, dL/dx, and the losses of 10 full-batch Adam steps. Weights, x and y are rounded to float32;
everything after that is float64. Deterministic: a fixed seed per case.
"""
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

from goldenio import ADAM, adam, as_json, f32, optimizer_losses, write

ACT = {"linear": lambda a: a, "relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}


def padding_steps(padding, T, span, stride):
    """(before, after, T') of Keras's padding for a window of span steps."""
    if padding == "valid":
        return 0, 0, (T - span) // stride + 1
    if padding == "causal":
        return span - 1, 0, (T - 1) // stride + 1
    out = -(-T // stride)
    total = max((out - 1) * stride + span - T, 0)
    return total // 2, total - total // 2, out


def conv1d(layer, mod, a):
    k, d, s = layer["kernel_size"], layer.get("dilation_rate", 1), layer.get("strides", 1)
    span = (k - 1) * d + 1
    before, after, _ = padding_steps(layer.get("padding", "valid"), a.shape[1], span, s)
    z = F.pad(a.transpose(1, 2), (before, after))                              # (B, I, T + padding)
    z = F.conv1d(z, mod.weight, mod.bias, stride=s, dilation=d)                 # (B, O, T')
    return ACT[layer.get("activation", "linear")](z.transpose(1, 2))


def pool1d(layer, a, reduce):
    p = layer["pool_size"]
    s = layer.get("strides", p)
    T = a.shape[1]
    before, _, out = padding_steps(layer.get("padding", "valid"), T, p, s)
    steps = []
    for t in range(out):
        t0, t1 = max(t * s - before, 0), min(t * s - before + p, T)
        window = a[:, t0:t1, :]
        steps.append(window.max(dim=1).values if reduce == "max" else window.mean(dim=1))
    return torch.stack(steps, dim=1)


class Net(nn.Module):
    def __init__(self, arch, features):
        super().__init__()
        self.arch = arch
        width = features
        for k, layer in enumerate(arch):
            kind = layer["type"]
            if kind == "Conv1D":
                self.add_module(str(k), nn.Conv1d(width, layer["filters"], layer["kernel_size"],
                                                  bias=layer.get("use_bias", True)))
                width = layer["filters"]
            elif kind == "LSTM":
                self.add_module(str(k), nn.LSTM(width, layer["units"], batch_first=True))
                width = layer["units"]
            elif kind == "Dense":
                self.add_module(str(k), nn.Linear(layer["in"], layer["units"]))
                width = layer["units"]

    def forward(self, x):
        a = x
        for k, layer in enumerate(self.arch):
            kind = layer["type"]
            if kind == "Conv1D":
                a = conv1d(layer, getattr(self, str(k)), a)
            elif kind == "MaxPooling1D":
                a = pool1d(layer, a, "max")
            elif kind == "AveragePooling1D":
                a = pool1d(layer, a, "mean")
            elif kind == "GlobalAveragePooling1D":
                a = a.mean(dim=1)
            elif kind == "Flatten":
                a = a.reshape(a.shape[0], -1)
            elif kind == "LSTM":
                out, _ = getattr(self, str(k))(a)
                a = out if layer.get("return_sequences", False) else out[:, -1, :]
            elif kind == "Dense":
                a = ACT[layer.get("activation", "linear")](getattr(self, str(k))(a))
            else:
                raise ValueError(kind)
        return a


CASES = [
    ("conv_valid_relu_maxpool_flatten",
     [{"type": "Conv1D", "filters": 5, "kernel_size": 3, "activation": "relu"},
      {"type": "MaxPooling1D", "pool_size": 2}, {"type": "Flatten"},
      {"type": "Dense", "units": 2, "in": 15}], 4, 9, 3),
    ("conv_causal_dilated_avgpool_global",
     [{"type": "Conv1D", "filters": 4, "kernel_size": 3, "padding": "causal", "dilation_rate": 2,
       "activation": "tanh"},
      {"type": "AveragePooling1D", "pool_size": 2, "strides": 1, "padding": "same"},
      {"type": "GlobalAveragePooling1D"}, {"type": "Dense", "units": 1, "in": 4}], 3, 8, 2),
    ("conv_same_strided_lstm",
     [{"type": "Conv1D", "filters": 3, "kernel_size": 4, "padding": "same", "strides": 2, "use_bias": False},
      {"type": "MaxPooling1D", "pool_size": 3, "strides": 2, "padding": "same"},
      {"type": "LSTM", "units": 4}, {"type": "Dense", "units": 2, "in": 4}], 3, 11, 2),
    ("conv_avgpool_valid_sequence_output",
     [{"type": "Conv1D", "filters": 3, "kernel_size": 2, "strides": 2, "dilation_rate": 1, "activation": "sigmoid"},
      {"type": "AveragePooling1D", "pool_size": 3, "strides": 2},
      {"type": "Conv1D", "filters": 2, "kernel_size": 2, "padding": "causal"}], 2, 16, 3),
]


def make_case(seed, name, arch, B, T, I):
    torch.manual_seed(seed)
    net = Net(arch, I).double()
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(f32(p))
            if p.dim() == 1:                                       # biases away from zero, so that they matter
                p.copy_(f32(torch.rand_like(p) - 0.5))
    params = {k: as_json(v) for k, v in net.state_dict().items()}
    x = f32(torch.randn(B, T, I, dtype=torch.float64)).requires_grad_(True)
    out = net(x)
    y = f32(torch.randn(*out.shape, dtype=torch.float64))
    loss = torch.mean((out - y) ** 2)
    loss.backward()
    grads = {k: as_json(p.grad) for k, p in net.named_parameters()}
    dx = as_json(x.grad)
    x = x.detach()
    # full-batch Adam steps, as Sequential.fit runs them
    losses = optimizer_losses(adam(net.parameters()), lambda: torch.mean((net(x) - y) ** 2))
    arch_out = [{k: v for k, v in layer.items() if k != "in"} for layer in arch]
    return {
        "case": name,
        "generator": "tools/golden/generate_conv_torch.py",
        "torch_version": torch.__version__,
        "python_version": sys.version.split()[0],
        "architecture": arch_out,
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


def main():
    for seed, spec in enumerate(CASES, start=101):
        case = make_case(seed, *spec)
        write(case, spec[0], "output", case["output"]["shape"])


if __name__ == "__main__":
    main()
