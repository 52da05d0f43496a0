#!/usr/bin/env python3
"""Writes the PyTorch golden fixtures that seqcast-core's GoldenGraphTorchTest checks Graph against.

Run from the repository root with Debian's PyTorch (apt-get install python3-torch):

    /usr/bin/python3 tools/golden/generate_graph_torch.py

Each fixture (seqcast-core/src/test/resources/golden/graph_<case>.json) holds named inputs (batch-first),
named targets, every parameter under its nn.Module name ("<node>.<parameter>", as Seqcast's Graph names them),
each output, the weighted total loss, every parameter gradient, and the losses of 10 full-batch Adam steps.
Weights, inputs and targets are rounded to float32 first (Seqcast computes in float32); everything after that
is computed in float64. Deterministic: a fixed seed per case. The layout follows generate_torch.py.

Cases:
  residual   x (B, T, I) -> lstm -> proj Dense(tanh); last step of x -> skip Dense; add; head Dense -> y (mse)
  two_inputs seq (B, T, I) -> lstm; static (B, S) -> emb Dense(tanh); concat; head Dense -> y (mse),
             and quantiles Dense(3) -> q (pinball at 0.1, 0.5, 0.9, loss weight 0.5)
"""
import sys

import torch
import torch.nn as nn

from goldenio import ADAM, adam, as_json, f32, optimizer_losses, write

LEVELS = [0.1, 0.5, 0.9]


def mse(p, y):
    return torch.mean((p - y) ** 2)


def pinball(p, y):
    """Mean over all outputs (…, Q) of max(τ u, (τ − 1) u), u = y − ŷ_q."""
    tau = torch.tensor(LEVELS, dtype=p.dtype)
    u = y.unsqueeze(-1) - p
    return torch.mean(torch.maximum(tau * u, (tau - 1) * u))


class Residual(nn.Module):
    def __init__(self, I, H, U, O):
        super().__init__()
        self.lstm = nn.LSTM(I, H, batch_first=True)
        self.proj = nn.Linear(H, U)
        self.skip = nn.Linear(I, U)
        self.head = nn.Linear(U, O)

    def forward(self, inputs):
        x = inputs["x"]
        out, _ = self.lstm(x)
        s = torch.tanh(self.proj(out[:, -1, :])) + self.skip(x[:, -1, :])
        return {"y": self.head(s)}


class TwoInputs(nn.Module):
    def __init__(self, I, H, S, E, O):
        super().__init__()
        self.lstm = nn.LSTM(I, H, batch_first=True)
        self.emb = nn.Linear(S, E)
        self.head = nn.Linear(H + E, O)
        self.quantiles = nn.Linear(H + E, len(LEVELS))

    def forward(self, inputs):
        out, _ = self.lstm(inputs["seq"])
        both = torch.cat([out[:, -1, :], torch.tanh(self.emb(inputs["static"]))], dim=1)
        return {"y": self.head(both), "q": self.quantiles(both)}


CASES = [
    # name, module, inputs {name: shape without batch}, outputs {name: (loss, weight, target shape without batch)}
    ("residual", lambda: Residual(3, 5, 4, 2), {"x": [6, 3]}, {"y": ("mse", 1.0, [2])}),
    ("two_inputs", lambda: TwoInputs(2, 4, 3, 3, 2), {"seq": [5, 2], "static": [3]},
     {"y": ("mse", 1.0, [2]), "q": ("pinball", 0.5, [])}),
]
LOSSES = {"mse": mse, "pinball": pinball}
B = 4


def total_loss(out, targets, outputs):
    return sum(w * LOSSES[loss](out[name], targets[name]) for name, (loss, w, _) in outputs.items())


def make_case(seed, name, make, inputs_spec, outputs):
    torch.manual_seed(seed)
    net = make().double()
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(f32(p))
    inputs = {k: f32(torch.randn(B, *s, dtype=torch.float64)) for k, s in inputs_spec.items()}
    targets = {k: f32(torch.randn(B, *s, dtype=torch.float64)) for k, (_, _, s) in outputs.items()}
    params = {k: as_json(v) for k, v in net.state_dict().items()}

    net.zero_grad()
    out = net(inputs)
    loss = total_loss(out, targets, outputs)
    loss.backward()
    grads = {k: as_json(p.grad) for k, p in net.named_parameters()}

    losses = optimizer_losses(adam(net.parameters()), lambda: total_loss(net(inputs), targets, outputs))

    return {
        "case": name,
        "generator": "tools/golden/generate_graph_torch.py",
        "torch_version": torch.__version__,
        "python_version": sys.version.split()[0],
        "outputs_spec": {k: {"loss": l, "weight": w, "levels": LEVELS if l == "pinball" else None}
                         for k, (l, w, _) in outputs.items()},
        "inputs": {k: as_json(v) for k, v in inputs.items()},
        "targets": {k: as_json(v) for k, v in targets.items()},
        "params": params,
        "outputs": {k: as_json(v) for k, v in out.items()},
        "loss_value": float(loss),
        "grads": grads,
        "optimizer": {**ADAM, "losses": losses},
    }


def main():
    for seed, spec in enumerate(CASES, start=101):
        case = make_case(seed, *spec)
        write(case, "graph_" + spec[0])


if __name__ == "__main__":
    main()
