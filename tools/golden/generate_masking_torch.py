#!/usr/bin/env python3
"""Writes the PyTorch golden fixtures of Keras's Masking before recurrent layers that seqcast-core's
GoldenMaskingTorchTest checks (the fixture format of generate_attention_torch.py: outputs, MSE loss, gradients,
dL/dx, 10 Adam steps).

Run from the repository root with Debian's PyTorch (apt-get install python3-torch):

    /usr/bin/python3 tools/golden/generate_masking_torch.py

Keras's semantics, written as a per-step loop with PyTorch's operators (nn.LSTM / nn.GRU / nn.RNN hold the weights,
under PyTorch's names, and their equations are applied one step at a time):
  * Masking(mask_value): keep_t = any_f (x_tf != mask_value); the output is x_t * keep_t;
  * a recurrent layer reached by the mask (through Dense, and through recurrent layers that return sequences) skips
    a masked step: its state carries over, h_t = h_{t-1} (and c_t = c_{t-1}), so with return_sequences its output
    there repeats the previous one (zeros before the first kept step): Keras's backend.rnn with a mask and its
    default zero_output_for_mask=False.
Inputs hold padded steps at the end (right padding), at the start (left padding), in the middle, a sample without
any, and a sample masked entirely. Weights, x and y are rounded to float32; everything after that is float64.
"""
import sys

import torch
import torch.nn as nn

from goldenio import ADAM, adam, as_json, f32, optimizer_losses, write

ACT = {"linear": lambda a: a, "tanh": torch.tanh}


def lstm_step(m, x, h, c):
    z = x @ m.weight_ih_l0.T + m.bias_ih_l0 + h @ m.weight_hh_l0.T + m.bias_hh_l0
    i, f, g, o = z.chunk(4, dim=-1)                                            # PyTorch's order i, f, g, o
    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c), c


def gru_step(m, x, h):
    gi = x @ m.weight_ih_l0.T + m.bias_ih_l0
    gh = h @ m.weight_hh_l0.T + m.bias_hh_l0
    i_r, i_z, i_n = gi.chunk(3, dim=-1)                                        # r, z, n
    h_r, h_z, h_n = gh.chunk(3, dim=-1)
    r = torch.sigmoid(i_r + h_r)
    z = torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * h_n)
    return (1 - z) * n + z * h


def rnn_step(m, x, h):
    return torch.tanh(x @ m.weight_ih_l0.T + m.bias_ih_l0 + h @ m.weight_hh_l0.T + m.bias_hh_l0)


def masked_recurrent(kind, m, x, keep):
    """x (B, T, I), keep (B, T) booleans: the layer's states, carried over masked steps, (B, T, H)."""
    B, T, _ = x.shape
    H = m.hidden_size
    h = torch.zeros(B, H, dtype=x.dtype)
    c = torch.zeros(B, H, dtype=x.dtype)
    out = []
    for t in range(T):
        k = keep[:, t:t + 1]
        if kind == "LSTM":
            hn, cn = lstm_step(m, x[:, t], h, c)
            c = torch.where(k, cn, c)                                          # c_t = c_{t-1} where masked
        elif kind == "GRU":
            hn = gru_step(m, x[:, t], h)
        else:
            hn = rnn_step(m, x[:, t], h)
        h = torch.where(k, hn, h)                                              # h_t = h_{t-1} where masked
        out.append(h)
    return torch.stack(out, dim=1)


class Net(nn.Module):
    def __init__(self, arch, features):
        super().__init__()
        self.arch = arch
        width = features
        for k, layer in enumerate(arch):
            kind = layer["type"]
            if kind in ("LSTM", "GRU", "SimpleRNN"):
                module = {"LSTM": nn.LSTM, "GRU": nn.GRU, "SimpleRNN": nn.RNN}[kind]
                self.add_module(str(k), module(width, layer["units"], batch_first=True))
                width = layer["units"]
            elif kind == "Dense":
                self.add_module(str(k), nn.Linear(width, layer["units"]))
                width = layer["units"]

    def forward(self, x):
        a = x
        keep = None
        for k, layer in enumerate(self.arch):
            kind = layer["type"]
            if kind == "Masking":
                keep = (a != layer["mask_value"]).any(dim=-1)                  # keep_t = any_f (x_tf != v)
                a = a * keep[..., None].to(a.dtype)
            elif kind in ("LSTM", "GRU", "SimpleRNN"):
                seq = masked_recurrent(kind, getattr(self, str(k)), a,
                                       keep if keep is not None else torch.ones(a.shape[:2], dtype=torch.bool))
                a = seq if layer.get("return_sequences", False) else seq[:, -1, :]
                if not layer.get("return_sequences", False):
                    keep = None                                                # the mask ends here
            elif kind == "Dense":
                a = ACT[layer.get("activation", "linear")](getattr(self, str(k))(a))
            else:
                raise ValueError(kind)
        return a


CASES = [
    ("masking_lstm_gru",
     [{"type": "Masking", "mask_value": 0.0}, {"type": "LSTM", "units": 5, "return_sequences": True},
      {"type": "GRU", "units": 4}, {"type": "Dense", "units": 2}], 5, 7, 3),
    ("masking_value_dense_rnn_sequences",
     [{"type": "Masking", "mask_value": -1.0}, {"type": "Dense", "units": 4, "activation": "tanh"},
      {"type": "SimpleRNN", "units": 3, "return_sequences": True}, {"type": "Dense", "units": 2}], 5, 6, 2),
]


def padded_input(B, T, I, value):
    """Right padding, left padding, a masked middle step, none, and a sample masked entirely."""
    x = f32(torch.randn(B, T, I, dtype=torch.float64))
    x[0, T - 2:, :] = value
    x[1, :2, :] = value
    x[2, T // 2, :] = value
    x[4, :, :] = value
    x[3, 1, 0] = value                                                         # one feature only: not masked
    return x


def make_case(seed, name, arch, B, T, I):
    torch.manual_seed(seed)
    net = Net(arch, I).double()
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(f32(p))
        for pname, p in net.named_parameters():
            if p.dim() == 1:                                                   # biases away from zero
                p.copy_(f32(torch.rand_like(p) - 0.5))
    params = {k: as_json(v) for k, v in net.state_dict().items()}
    x = padded_input(B, T, I, arch[0]["mask_value"]).requires_grad_(True)
    out = net(x)
    y = f32(torch.randn(*out.shape, dtype=torch.float64))
    loss = torch.mean((out - y) ** 2)
    loss.backward()
    grads = {k: as_json(p.grad) for k, p in net.named_parameters()}
    dx = as_json(x.grad)
    x = x.detach()
    losses = optimizer_losses(adam(net.parameters()), lambda: torch.mean((net(x) - y) ** 2))
    return {"case": name, "generator": "tools/golden/generate_masking_torch.py", "torch_version": torch.__version__,
            "python_version": sys.version.split()[0], "architecture": arch, "input_shape": [T, I], "loss": "mse",
            "x": as_json(x), "y": as_json(y), "params": params, "output": as_json(out), "loss_value": float(loss),
            "grads": grads, "dx": dx, "optimizer": {**ADAM, "losses": losses}}


def main():
    for seed, spec in enumerate(CASES, start=501):
        case = make_case(seed, *spec)
        write(case, spec[0])


if __name__ == "__main__":
    main()
