#!/usr/bin/env python3
"""Writes the PyTorch golden fixtures of the layers wrapped around recurrent networks (Bidirectional, RepeatVector)
that seqcast-core's GoldenTorchTest checks against.

Run from the repository root with Debian's PyTorch (apt-get install python3-torch):

    /usr/bin/python3 tools/golden/generate_wrappers_torch.py

The fixtures have generate_torch.py's format (same helpers, same float32-then-float64 rule, a fixed seed per
case). A Bidirectional layer is PyTorch's nn.LSTM / nn.GRU / nn.RNN with bidirectional=True, registered as
module "k", so its state-dict names are Seqcast's (weight_ih_l0, ..., weight_ih_l0_reverse, ...). Keras's merge
modes are applied to PyTorch's two halves: the output sequence holds [forward_t, backward_t] with the backward
half already in forward time order; the last step is the forward half at t = T-1 and the backward half at t = 0
(PyTorch's h_n, Keras's Bidirectional with return_sequences False). RepeatVector(n) repeats a (B, F) vector n
times along a new time axis (x.unsqueeze(1).expand(B, n, F)); a Dense after a sequence applies to every step, as
Keras's TimeDistributed(Dense) and Dense do.
"""
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(__file__))
from generate_torch import ACTIVATIONS, LOSSES, make_optimizer  # noqa: E402
from goldenio import ADAM, as_json, f32, optimizer_losses, write  # noqa: E402

MERGES = {
    "concat": lambda f, b: torch.cat([f, b], dim=-1),
    "sum": lambda f, b: f + b,
    "mul": lambda f, b: f * b,
    "ave": lambda f, b: (f + b) / 2,
}


def recurrent(layer, width):
    kind = layer["type"]
    if kind == "LSTM":
        return nn.LSTM(width, layer["units"], batch_first=True, bidirectional=True)
    if kind == "GRU":
        return nn.GRU(width, layer["units"], batch_first=True, bidirectional=True)
    if kind == "SimpleRNN":
        return nn.RNN(width, layer["units"], nonlinearity=layer.get("activation", "tanh"), batch_first=True,
                      bidirectional=True)
    raise ValueError(kind)


class BiNet(nn.Module):
    """Bidirectional and Dense layers registered as "0", "1", ... as in generate_torch.Net."""

    def __init__(self, arch, features):
        super().__init__()
        self.arch = arch
        width = features
        for k, layer in enumerate(arch):
            if layer["type"] == "Bidirectional":
                inner = layer["layer"]
                mod = recurrent(inner, width)
                width = inner["units"] * (2 if layer.get("merge_mode", "concat") == "concat" else 1)
            elif layer["type"] == "Dense":
                mod = nn.Linear(width, layer["units"])
                width = layer["units"]
            elif layer["type"] == "RepeatVector":
                mod = nn.Identity()
            elif layer["type"] in ("LSTM", "GRU", "SimpleRNN"):
                mod = {"LSTM": nn.LSTM, "GRU": nn.GRU, "SimpleRNN": nn.RNN}[layer["type"]](width, layer["units"],
                                                                                          batch_first=True)
                width = layer["units"]
            else:
                raise ValueError(layer["type"])
            self.add_module(str(k), mod)

    def forward(self, x):
        a = x
        for k, layer in enumerate(self.arch):
            mod = getattr(self, str(k))
            if layer["type"] == "Dense":
                a = ACTIVATIONS[layer.get("activation", "linear")](mod(a))
                continue
            if layer["type"] == "RepeatVector":
                a = a.unsqueeze(1).expand(a.shape[0], layer["n"], a.shape[1])
                continue
            if layer["type"] in ("LSTM", "GRU", "SimpleRNN"):
                out, _ = mod(a)
                a = out if layer.get("return_sequences", False) else out[:, -1, :]
                continue
            inner = layer["layer"]
            H = inner["units"]
            out, _ = mod(a)                                  # (B, T, 2H): [forward_t, backward_t]
            f, b = out[..., :H], out[..., H:]
            if not inner.get("return_sequences", False):
                f, b = f[:, -1, :], b[:, 0, :]               # h_n: forward after x_{T-1}, backward after x_0
            a = MERGES[layer.get("merge_mode", "concat")](f, b)
        return a


def bi(kind, units, merge="concat", sequences=False, **inner):
    return {"type": "Bidirectional", "merge_mode": merge,
            "layer": {"type": kind, "units": units, "return_sequences": sequences, **inner}}


CASES = [
    ("bidir_lstm_concat_last", [bi("LSTM", 4), {"type": "Dense", "units": 2}], 3, 5, 3, "mse"),
    ("bidir_gru_sum_sequences", [bi("GRU", 4, "sum", True), {"type": "Dense", "units": 1}], 3, 6, 2, "mse"),
    ("bidir_rnn_mul_last", [bi("SimpleRNN", 5, "mul", activation="tanh"), {"type": "Dense", "units": 2}],
     4, 5, 3, "mse"),
    ("bidir_stacked_ave", [bi("LSTM", 4, "ave", True), bi("GRU", 3, "concat"),
                           {"type": "Dense", "units": 1, "activation": "tanh"}], 3, 6, 2, "mse"),
    # Encoder-decoder: the encoder's last state repeated for every decoder step, a Dense on every step.
    ("repeat_vector_encoder_decoder", [{"type": "LSTM", "units": 5}, {"type": "RepeatVector", "n": 3},
                                       {"type": "GRU", "units": 4, "return_sequences": True},
                                       {"type": "Dense", "units": 2}], 3, 6, 2, "mse"),
]


def make_case(seed, name, arch, B, T, I, loss_name, opt_spec=ADAM):
    torch.manual_seed(seed)
    net = BiNet(arch, I).double()
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(f32(p))
    x = f32(torch.randn(B, T, I, dtype=torch.float64))
    y = f32(torch.randn(*net(x).shape, dtype=torch.float64))
    loss_fn = LOSSES[loss_name]
    params = {k: as_json(v) for k, v in net.state_dict().items()}

    net.zero_grad()
    out = net(x)
    loss = loss_fn(out, y)
    loss.backward()
    grads = {k: as_json(p.grad) for k, p in net.named_parameters()}

    losses = optimizer_losses(make_optimizer(opt_spec, net.parameters()), lambda: loss_fn(net(x), y))

    return {
        "case": name,
        "generator": "tools/golden/generate_wrappers_torch.py",
        "torch_version": torch.__version__,
        "python_version": sys.version.split()[0],
        "architecture": arch,
        "input_shape": [T, I],
        "loss": loss_name,
        "x": as_json(x),
        "y": as_json(y),
        "params": params,
        "output": as_json(out),
        "loss_value": float(loss),
        "grads": grads,
        "optimizer": {**opt_spec, "losses": losses},
    }


def main():
    for seed, spec in enumerate(CASES, start=101):
        case = make_case(seed, *spec)
        write(case, spec[0])


if __name__ == "__main__":
    main()
