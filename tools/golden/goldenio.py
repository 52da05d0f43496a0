"""What the PyTorch golden scripts beside this file share: where fixtures go, the training they record, and how
tensors and fixtures are written.

Every fixture rounds weights and inputs to float32 first (Seqcast computes in float32) and computes everything after
that in float64 (f32), stores tensors as {"shape": [...], "data": [...]} in row-major order (as_json), records the
losses of STEPS full-batch optimizer steps, Adam with ADAM's settings unless a case names another (optimizer_losses),
and is written as seqcast-core/src/test/resources/golden/<name>.json with a one-space indent and a final newline
(write). Imported by the scripts, which run from the repository root:

    /usr/bin/python3 tools/golden/generate_torch.py
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "seqcast-core", "src", "test", "resources", "golden")
ADAM = {"name": "adam", "lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7}
STEPS = 10


def f32(t):
    """t rounded to float32, held in float64."""
    return t.float().double()


def as_json(t):
    """A tensor as a fixture holds it: its shape and its values in row-major order."""
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def adam(parameters):
    """torch.optim.Adam with ADAM's settings (Seqcast's Adam defaults, Keras's epsilon)."""
    return torch.optim.Adam(parameters, lr=ADAM["lr"], betas=(ADAM["beta1"], ADAM["beta2"]), eps=ADAM["eps"])


def optimizer_losses(opt, loss):
    """The losses of STEPS full-batch steps of opt on loss() (a function computing it afresh), each before its step,
    as Sequential.fit runs them."""
    losses = []
    for _ in range(STEPS):
        opt.zero_grad()
        step_loss = loss()
        losses.append(float(step_loss))
        step_loss.backward()
        opt.step()
    return losses


def write(case, name, *info):
    """Writes case to OUT/<name>.json and says so, with its loss and info."""
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name + ".json")
    with open(path, "w") as f:
        json.dump(case, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(path), "loss", case["loss_value"], *info)
