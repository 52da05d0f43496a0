#!/usr/bin/env python3
"""Writes the PyTorch golden fixtures that seqcast-core's GoldenTorchTest checks against.

Run from the repository root with Debian's PyTorch (apt-get install python3-torch):

    /usr/bin/python3 tools/golden/generate_torch.py

Each fixture (seqcast-core/src/test/resources/golden/<case>.json) holds an architecture, inputs x (B, T, I),
targets y, every parameter under its PyTorch state-dict name, the model's output, the loss, every parameter
gradient, and the losses of 10 full-batch optimizer steps (Adam, or the optimizer a case names). Weights, x and y are rounded to float32 first (Seqcast
computes in float32); everything after that is computed in float64, so the fixture is the exact answer for
those float32 inputs. Deterministic: a fixed seed per case.
"""
import math
import sys

import torch
import torch.nn as nn

from goldenio import ADAM, as_json, f32, optimizer_losses, write


def make_optimizer(spec, params):
    name = spec["name"]
    if name == "adam":
        return torch.optim.Adam(params, lr=spec["lr"], betas=(spec["beta1"], spec["beta2"]), eps=spec["eps"])
    if name == "adamw":
        return torch.optim.AdamW(params, lr=spec["lr"], betas=(spec["beta1"], spec["beta2"]), eps=spec["eps"],
                                 weight_decay=spec["weight_decay"])
    if name == "sgd":
        return torch.optim.SGD(params, lr=spec["lr"], momentum=spec["momentum"], nesterov=spec["nesterov"])
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=spec["lr"], alpha=spec["rho"], eps=spec["eps"])
    raise ValueError(name)


class GRUResetBefore(nn.Module):
    """The original GRU (Cho et al. 2014): n = tanh(W_in x + b_in + W_hn (r * h) + b_hn), PyTorch's names and
    gate order r, z, n, update convention h = (1 - z) * n + z * h_prev."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        H = hidden_size
        k = 1.0 / math.sqrt(H)
        self.hidden_size = H
        self.weight_ih_l0 = nn.Parameter(torch.empty(3 * H, input_size).uniform_(-k, k))
        self.weight_hh_l0 = nn.Parameter(torch.empty(3 * H, H).uniform_(-k, k))
        self.bias_ih_l0 = nn.Parameter(torch.empty(3 * H).uniform_(-k, k))
        self.bias_hh_l0 = nn.Parameter(torch.empty(3 * H).uniform_(-k, k))

    def forward(self, x):
        B, T, _ = x.shape
        H = self.hidden_size
        w_hr, w_hz, w_hn = self.weight_hh_l0.split(H)
        b_hr, b_hz, b_hn = self.bias_hh_l0.split(H)
        h = x.new_zeros(B, H)
        outs = []
        for t in range(T):
            gi = x[:, t, :] @ self.weight_ih_l0.T + self.bias_ih_l0
            i_r, i_z, i_n = gi.split(H, dim=1)
            r = torch.sigmoid(i_r + h @ w_hr.T + b_hr)
            z = torch.sigmoid(i_z + h @ w_hz.T + b_hz)
            n = torch.tanh(i_n + (r * h) @ w_hn.T + b_hn)
            h = (1 - z) * n + z * h
            outs.append(h)
        return torch.stack(outs, dim=1), h


ACTIVATIONS = {"linear": lambda a: a, "tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid}


class Net(nn.Module):
    """Layers registered as "0", "1", ... so state-dict names match Seqcast's Sequential ("0.weight_ih_l0")."""

    def __init__(self, arch, features):
        super().__init__()
        self.arch = arch
        width = features
        for k, layer in enumerate(arch):
            kind = layer["type"]
            if kind == "LSTM":
                mod = nn.LSTM(width, layer["units"], batch_first=True)
            elif kind == "GRU":
                mod = (nn.GRU(width, layer["units"], batch_first=True) if layer.get("reset_after", True)
                       else GRUResetBefore(width, layer["units"]))
            elif kind == "SimpleRNN":
                mod = nn.RNN(width, layer["units"], nonlinearity=layer.get("activation", "tanh"), batch_first=True)
            elif kind == "Dense":
                mod = nn.Linear(width, layer["units"])
            else:
                raise ValueError(kind)
            width = layer["units"]
            self.add_module(str(k), mod)

    def forward(self, x):
        a = x
        for k, layer in enumerate(self.arch):
            mod = getattr(self, str(k))
            if layer["type"] == "Dense":
                a = ACTIVATIONS[layer.get("activation", "linear")](mod(a))
            else:
                out, _ = mod(a)
                a = out if layer.get("return_sequences", False) else out[:, -1, :]
        return a


LOSSES = {
    "mse": lambda p, y: torch.mean((p - y) ** 2),
    "mae": lambda p, y: torch.mean(torch.abs(p - y)),
    "huber": lambda p, y: nn.functional.huber_loss(p, y, delta=1.0),
}

CASES = [
    ("lstm_last", [{"type": "LSTM", "units": 5}, {"type": "Dense", "units": 2}], 4, 6, 3, "mse"),
    ("lstm_sequences", [{"type": "LSTM", "units": 4, "return_sequences": True}, {"type": "Dense", "units": 1}],
     3, 5, 2, "mse"),
    ("gru_last_huber", [{"type": "GRU", "units": 5}, {"type": "Dense", "units": 2}], 4, 6, 3, "huber"),
    ("gru_reset_before", [{"type": "GRU", "units": 4, "reset_after": False}, {"type": "Dense", "units": 2}],
     3, 5, 3, "mse"),
    ("gru_stacked_sequences", [{"type": "GRU", "units": 4, "return_sequences": True},
                               {"type": "GRU", "units": 3, "return_sequences": True},
                               {"type": "Dense", "units": 1}], 3, 4, 2, "mse"),
    ("rnn_tanh_mae", [{"type": "SimpleRNN", "units": 5}, {"type": "Dense", "units": 1}], 5, 7, 2, "mae"),
    ("rnn_relu", [{"type": "SimpleRNN", "units": 4, "activation": "relu", "return_sequences": True},
                  {"type": "SimpleRNN", "units": 3}, {"type": "Dense", "units": 2, "activation": "tanh"}],
     3, 5, 3, "mse"),
    ("stacked_lstm_gru", [{"type": "LSTM", "units": 6, "return_sequences": True}, {"type": "GRU", "units": 4},
                          {"type": "Dense", "units": 3, "activation": "sigmoid"}], 5, 6, 2, "mse"),
    ("tutorial", [{"type": "LSTM", "units": 50, "return_sequences": True}, {"type": "LSTM", "units": 50},
                  {"type": "Dense", "units": 1}], 8, 12, 1, "mse"),
]
SMALL = [{"type": "GRU", "units": 4}, {"type": "Dense", "units": 2}]
OPTIMIZER_CASES = [
    ("opt_sgd_momentum", SMALL, 4, 5, 3, "mse", {"name": "sgd", "lr": 0.05, "momentum": 0.9, "nesterov": False}),
    ("opt_sgd_nesterov", SMALL, 4, 5, 3, "mse", {"name": "sgd", "lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("opt_rmsprop", SMALL, 4, 5, 3, "mse", {"name": "rmsprop", "lr": 0.01, "rho": 0.9, "eps": 1e-7}),
    ("opt_adamw", SMALL, 4, 5, 3, "mse", {"name": "adamw", "lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7,
                                          "weight_decay": 0.1}),
]


def make_case(seed, name, arch, B, T, I, loss_name, opt_spec=ADAM):
    torch.manual_seed(seed)
    net = Net(arch, I).double()
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(f32(p))
    x = f32(torch.randn(B, T, I, dtype=torch.float64))
    out_shape = net(x).shape
    y = f32(torch.randn(*out_shape, dtype=torch.float64))
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
        "generator": "tools/golden/generate_torch.py",
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
    for seed, spec in enumerate(CASES + OPTIMIZER_CASES, start=1):
        case = make_case(seed, *spec)
        name = spec[0]
        write(case, name)


if __name__ == "__main__":
    main()
