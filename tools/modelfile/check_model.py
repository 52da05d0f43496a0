#!/usr/bin/env python3
"""Reads a Seqcast model file (.seqcast) with Python's safetensors library and, when PyTorch is there, loads
its weights into the equivalent PyTorch network with load_state_dict(strict=True): proof that the weights are
a PyTorch state dict (names, shapes, float32 layout) and not only Seqcast-readable.

    python3 tools/modelfile/check_model.py model.seqcast [more.seqcast ...]

Needs safetensors (pip) and numpy; torch (Debian python3-torch) is optional. Exits 1 on the first problem.
Checks: the zip has exactly manifest.json and weights.safetensors; the format; the weights' SHA-256 against
the manifest; every tensor name and shape against architecture.network (format 1 at the top level, format 2
under forecaster, for kind rnn); float32 and finite values.
"""
import hashlib
import io
import json
import sys
import zipfile

import numpy as np
from safetensors.numpy import load as load_numpy


def check(path):
    with zipfile.ZipFile(path) as z:
        names = sorted(z.namelist())
        assert names == ["manifest.json", "weights.safetensors"], f"entries {names}"
        manifest = json.loads(z.read("manifest.json"))
        weights = z.read("weights.safetensors")
    assert manifest["format"] == "seqcast-model", manifest["format"]
    assert manifest["format_version"] in (1, 2), manifest["format_version"]
    sha = hashlib.sha256(weights).hexdigest()
    assert sha == manifest["weights"]["sha256"], f"weights sha256 {sha} != manifest {manifest['weights']['sha256']}"
    tensors = load_numpy(weights)
    if manifest["format_version"] == 1:
        arch = manifest["architecture"]
    else:  # format 2: the forecaster's section; this check covers a single network (kind rnn)
        assert manifest["forecaster"]["kind"] == "rnn", f"kind {manifest['forecaster']['kind']}: not a single network"
        arch = manifest["forecaster"]["architecture"]
    expected = {}
    for layer in arch["network"]:
        expected.update({k: tuple(v) for k, v in layer["tensors"].items()})
    found = {k: tuple(v.shape) for k, v in tensors.items()}
    assert found == expected, f"tensors {found} != manifest {expected}"
    for k, v in tensors.items():
        assert v.dtype == np.float32, f"{k} is {v.dtype}"
        assert np.isfinite(v).all(), f"{k} is not finite"
    total = sum(v.size for v in tensors.values())
    assert total == arch["parameters"], f"{total} parameters != manifest {arch['parameters']}"
    torch_note = torch_check(arch, weights)
    print(f"{path}: OK  {arch['cell']} x{arch['layers']} units {arch['units']}, {len(tensors)} tensors,"
          f" {total} parameters; {torch_note}")


def torch_check(arch, weights):
    try:
        import torch
        from safetensors.torch import load as load_torch
    except ImportError:
        return "torch not installed: state-dict load skipped"
    cells = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}
    net = torch.nn.Module()
    features = arch["inputs"]
    for k, layer in enumerate(arch["network"]):
        kind = layer["kind"]
        if kind in ("LSTM", "GRU", "SimpleRNN"):
            module = cells[arch["cell"]](features, arch["units"], batch_first=True)
            features = arch["units"]
        elif kind == "Dropout":
            module = torch.nn.Dropout(float(layer["settings"]))
        elif kind == "Dense":
            module = torch.nn.Linear(features, arch["outputs"])
        else:
            raise AssertionError(f"unknown layer kind {kind}")
        net.add_module(str(k), module)
    state = load_torch(weights)
    net.load_state_dict(state, strict=True)
    return "loaded into torch " + torch.__version__ + " modules with load_state_dict(strict=True)"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for path in sys.argv[1:]:
        try:
            check(path)
        except (AssertionError, KeyError, zipfile.BadZipFile, RuntimeError) as e:
            print(f"{path}: FAILED: {e}", file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
