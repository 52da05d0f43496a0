#!/usr/bin/env python3
"""Writes the PyTorch golden fixtures of the softmax activation, AdditiveAttention and BatchNormalization that
seqcast-core's GoldenAdditiveTorchTest and GoldenBatchNormTorchTest check.

Run from the repository root with Debian's PyTorch (apt-get install python3-torch):

    /usr/bin/python3 tools/golden/generate_additive_batchnorm_torch.py

softmax is torch.softmax over the last axis after nn.Linear (Keras's Dense(activation="softmax")).
AdditiveAttention is Keras's AdditiveAttention()([x, x]) written from its equations with PyTorch's operators:
scores s_ij = sum_f scale_f * tanh(x_if + x_jf) (scale = 1 without use_scale), the causal mask as Keras applies it
(-1e9 added above the diagonal), softmax over the keys, then the weights times x.
These fixtures use the format of generate_attention_torch.py (outputs, MSE loss, gradients, dL/dx, 10 Adam steps).

BatchNormalization is Keras's BatchNormalization(axis=-1) through torch.nn.functional.batch_norm over every sample
and step ((B, T, F) is transposed to PyTorch's (B, F, T)); center=False or scale=False leave out the bias or the
weight. Its fixtures (batchnorm_*.json) hold the outputs in inference mode (moving statistics) and in training mode
(batch statistics), the MSE loss, gradients and dL/dx in training mode, the moving statistics after one training
forward pass as Keras updates them, PyTorch's own running statistics after that pass (which differ: PyTorch's momentum
is 1 - Keras's and its running variance takes the unbiased batch variance), and 10 Adam steps in training mode.
Weights, x and y are rounded to float32; everything after that is float64. Deterministic: a fixed seed per case.
"""
import sys

import torch
import torch.nn as nn
import torch.nn.functional as Fn

from goldenio import ADAM, adam, as_json, f32, optimizer_losses, write

ACT = {"linear": lambda a: a, "relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid,
       "softmax": lambda a: torch.softmax(a, dim=-1)}


class AdditiveAttention(nn.Module):
    """Keras's AdditiveAttention()([x, x]): s_ij = sum_f scale_f tanh(x_if + x_jf), optional causal mask."""

    def __init__(self, features, use_scale, causal):
        super().__init__()
        self.causal = causal
        self.scale = nn.Parameter(torch.ones(features)) if use_scale else None

    def forward(self, x):                                                     # x (B, T, F)
        u = torch.tanh(x[:, :, None, :] + x[:, None, :, :])                    # (B, T, T, F)
        s = (u * self.scale).sum(dim=-1) if self.scale is not None else u.sum(dim=-1)
        if self.causal:
            T = x.shape[1]
            above = torch.triu(torch.ones(T, T, dtype=x.dtype), diagonal=1)
            s = s - 1.0e9 * above                                              # Keras's mask
        return torch.softmax(s, dim=-1) @ x                                    # y_i = sum_j a_ij x_j


class BatchNorm(nn.Module):
    """Keras's BatchNormalization(axis=-1, momentum=m, epsilon, center, scale) on (B, F) or (B, T, F)."""

    def __init__(self, features, momentum, epsilon, center, scale):
        super().__init__()
        self.momentum = momentum
        self.epsilon = epsilon
        self.weight = nn.Parameter(torch.ones(features)) if scale else None
        self.bias = nn.Parameter(torch.zeros(features)) if center else None
        self.register_buffer("running_mean", torch.zeros(features))
        self.register_buffer("running_var", torch.ones(features))

    def forward(self, x):
        seq = x.dim() == 3
        a = x.transpose(1, 2) if seq else x                                    # PyTorch's (B, F, T)
        y = Fn.batch_norm(a, self.running_mean, self.running_var, self.weight, self.bias, self.training,
                          1 - self.momentum, self.epsilon)                     # PyTorch's momentum = 1 - Keras's
        return y.transpose(1, 2) if seq else y


def is_scale(net, name):
    module = getattr(net, name.split(".")[0])
    return isinstance(module, (AdditiveAttention, BatchNorm)) and name.endswith(("scale", "weight"))


class Net(nn.Module):
    def __init__(self, arch, features):
        super().__init__()
        self.arch = arch
        width = features
        for k, layer in enumerate(arch):
            kind = layer["type"]
            if kind == "AdditiveAttention":
                self.add_module(str(k), AdditiveAttention(width, layer.get("use_scale", True), layer.get("causal", False)))
            elif kind == "BatchNormalization":
                self.add_module(str(k), BatchNorm(width, layer.get("momentum", 0.99), layer.get("epsilon", 1e-3),
                                                  layer.get("center", True), layer.get("scale", True)))
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
            if kind in ("AdditiveAttention", "BatchNormalization"):
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
    ("softmax_dense_vector_and_sequence",
     [{"type": "Dense", "units": 5, "activation": "softmax"}, {"type": "LSTM", "units": 4},
      {"type": "Dense", "units": 3, "activation": "softmax"}], 3, 5, 3),
    ("additive_attention_scaled_lstm",
     [{"type": "Dense", "units": 4, "activation": "tanh"}, {"type": "AdditiveAttention"},
      {"type": "LSTM", "units": 4}, {"type": "Dense", "units": 2}], 3, 7, 2),
    ("additive_attention_unscaled_causal_sequence",
     [{"type": "LSTM", "units": 5, "return_sequences": True},
      {"type": "AdditiveAttention", "use_scale": False, "causal": True}, {"type": "Dense", "units": 2}], 2, 8, 3),
    ("additive_attention_scaled_causal_gap",
     [{"type": "LSTM", "units": 4, "return_sequences": True}, {"type": "AdditiveAttention", "causal": True},
      {"type": "GlobalAveragePooling1D"}, {"type": "Dense", "units": 2}], 3, 6, 2),
]

BN_CASES = [
    ("batchnorm_sequences_and_vector",
     [{"type": "BatchNormalization"}, {"type": "LSTM", "units": 5, "return_sequences": True},
      {"type": "BatchNormalization", "momentum": 0.9, "epsilon": 1e-5}, {"type": "LSTM", "units": 4},
      {"type": "BatchNormalization", "momentum": 0.5}, {"type": "Dense", "units": 2}], 4, 6, 3),
    ("batchnorm_no_center_no_scale",
     [{"type": "Dense", "units": 4, "activation": "tanh"}, {"type": "BatchNormalization", "center": False},
      {"type": "LSTM", "units": 3}, {"type": "BatchNormalization", "scale": False, "epsilon": 0.01},
      {"type": "Dense", "units": 2}], 5, 4, 2),
]


def make_net(seed, arch, I):
    torch.manual_seed(seed)
    net = Net(arch, I).double()
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(f32(p))
        for pname, p in net.named_parameters():
            if is_scale(net, pname):
                p.copy_(f32(0.5 + torch.rand_like(p)))             # scales near 1, away from their initial 1
            elif p.dim() == 1:                                     # biases away from zero, so that they matter
                p.copy_(f32(torch.rand_like(p) - 0.5))
        for bname, b in net.named_buffers():                       # moving statistics away from 0 and 1
            b.copy_(f32(0.5 * torch.randn_like(b)) if bname.endswith("mean") else f32(0.5 + torch.rand_like(b)))
    return net


def adam_losses(net, x, y):
    # full-batch Adam steps, as Sequential.fit runs them
    return optimizer_losses(adam(net.parameters()), lambda: torch.mean((net(x) - y) ** 2))


def header(name, arch, T, I):
    return {"case": name, "generator": "tools/golden/generate_additive_batchnorm_torch.py",
            "torch_version": torch.__version__, "python_version": sys.version.split()[0],
            "architecture": arch, "input_shape": [T, I], "loss": "mse"}


def make_case(seed, name, arch, B, T, I):
    net = make_net(seed, arch, I)
    params = {k: as_json(v) for k, v in net.state_dict().items()}
    x = f32(torch.randn(B, T, I, dtype=torch.float64)).requires_grad_(True)
    out = net(x)
    y = f32(torch.randn(*out.shape, dtype=torch.float64))
    loss = torch.mean((out - y) ** 2)
    loss.backward()
    grads = {k: as_json(p.grad) for k, p in net.named_parameters()}
    dx = as_json(x.grad)
    losses = adam_losses(net, x.detach(), y)
    return {**header(name, arch, T, I), "x": as_json(x), "y": as_json(y), "params": params, "output": as_json(out),
            "loss_value": float(loss), "grads": grads, "dx": dx, "optimizer": {**ADAM, "losses": losses}}


def keras_moving(net, x):
    """The moving statistics after one training forward pass as Keras updates them: m * old + (1 - m) * batch, with
    the biased batch variance; taken from the input each BatchNorm sees."""
    moving = {}
    a = x
    with torch.no_grad():
        for k, layer in enumerate(net.arch):
            module = getattr(net, str(k), None)
            if layer["type"] == "BatchNormalization":
                rows = a.reshape(-1, a.shape[-1])
                mean = rows.mean(dim=0)
                var = rows.var(dim=0, unbiased=False)
                m = module.momentum
                moving[f"{k}.running_mean"] = as_json(m * module.running_mean + (1 - m) * mean)
                moving[f"{k}.running_var"] = as_json(m * module.running_var + (1 - m) * var)
            a = Net.forward_one(net, k, layer, a)
    return moving


def forward_one(net, k, layer, a):
    kind = layer["type"]
    if kind in ("AdditiveAttention", "BatchNormalization"):
        return getattr(net, str(k))(a)
    if kind == "LSTM":
        out, _ = getattr(net, str(k))(a)
        return out if layer.get("return_sequences", False) else out[:, -1, :]
    if kind == "Dense":
        return ACT[layer.get("activation", "linear")](getattr(net, str(k))(a))
    raise ValueError(kind)


Net.forward_one = staticmethod(forward_one)


def make_bn_case(seed, name, arch, B, T, I):
    net = make_net(seed, arch, I)
    params = {k: as_json(v) for k, v in net.state_dict().items()}
    x = f32(torch.randn(B, T, I, dtype=torch.float64))
    net.eval()
    with torch.no_grad():
        out_eval = net(x)
    net.train()
    before = {k: v.clone() for k, v in net.state_dict().items()}
    moving = keras_moving(net, x)                            # from the statistics before the training pass
    net.load_state_dict(before)                              # (its own pass moved PyTorch's running statistics)
    xg = x.clone().requires_grad_(True)
    out = net(xg)                                            # training mode: batch statistics
    torch_running = {k: as_json(v) for k, v in net.state_dict().items() if k.endswith(("running_mean", "running_var"))}
    y = f32(torch.randn(*out.shape, dtype=torch.float64))
    loss = torch.mean((out - y) ** 2)
    loss.backward()
    grads = {k: as_json(p.grad) for k, p in net.named_parameters()}
    losses = adam_losses(net, x, y)
    return {**header(name, arch, T, I), "x": as_json(x), "y": as_json(y), "params": params,
            "output_inference": as_json(out_eval), "output_training": as_json(out), "loss_value": float(loss),
            "grads": grads, "dx": as_json(xg.grad), "moving_after_keras": moving,
            "running_after_torch": torch_running, "optimizer": {**ADAM, "losses": losses}}


def main():
    jobs = [(make_case, seed, spec) for seed, spec in enumerate(CASES, start=401)]
    jobs += [(make_bn_case, seed, spec) for seed, spec in enumerate(BN_CASES, start=451)]
    for make, seed, spec in jobs:
        case = make(seed, *spec)
        write(case, spec[0])


if __name__ == "__main__":
    main()
