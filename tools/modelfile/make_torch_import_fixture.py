#!/usr/bin/env python3
"""Writes the fixture of PyTorch import (TorchImportTest): a typical user model, saved the way a PyTorch user
saves it, and the architecture JSON that tells Seqcast how to read it.

    /usr/bin/python3 tools/modelfile/make_torch_import_fixture.py   (repository root; Debian python3-torch, pip safetensors)

Model: lstm = nn.LSTM(2, 6, num_layers=2, batch_first=True); gru = nn.GRU(6, 5, batch_first=True);
fc = nn.Linear(5, 3); forward: fc(gru(lstm(x))[:, -1]). Files (testdata/io/):
  torch_import.safetensors     model.state_dict() (names lstm.weight_ih_l0, lstm.weight_ih_l1, gru..., fc.weight)
  torch_import_io.safetensors  x [4, 7, 2] and y [4, 3] = model(x)
  torch_import_x.npy           x again, as NumPy saves it (for the README's predict example)
  torch_import.json            the NetworkSpec with "source" names (lstm@0, lstm@1, gru, fc)
"""
import json

import numpy
import torch
from safetensors.torch import save_file

torch.manual_seed(3)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(2, 6, num_layers=2, batch_first=True)
        self.gru = torch.nn.GRU(6, 5, batch_first=True)
        self.fc = torch.nn.Linear(5, 3)

    def forward(self, x):
        h, _ = self.lstm(x)
        h, _ = self.gru(h)
        return self.fc(h[:, -1, :])


out = "testdata/io/"
net = Net().eval()
x = torch.randn(4, 7, 2)
with torch.no_grad():
    y = net(x)
save_file({k: v.contiguous() for k, v in net.state_dict().items()}, out + "torch_import.safetensors")
save_file({"x": x.contiguous(), "y": y.contiguous()}, out + "torch_import_io.safetensors")
numpy.save(out + "torch_import_x.npy", x.numpy())
spec = {"input": [None, 2], "layers": [
    {"type": "lstm", "units": 6, "return_sequences": True, "source": "lstm@0"},
    {"type": "lstm", "units": 6, "return_sequences": True, "source": "lstm@1"},
    {"type": "gru", "units": 5, "source": "gru"},
    {"type": "dense", "units": 3, "source": "fc"}]}
with open(out + "torch_import.json", "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
