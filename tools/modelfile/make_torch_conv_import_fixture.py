#!/usr/bin/env python3
"""Writes the fixture of PyTorch import of convolutional layers (NetworkFileTest): a CNN-LSTM as a PyTorch user
writes it, saved as its state dict, and the architecture JSON that tells Seqcast how to read it.

    /usr/bin/python3 tools/modelfile/make_torch_conv_import_fixture.py   (repository root; Debian python3-torch, pip safetensors)

Model: conv = nn.Conv1d(2, 8, 3, dilation=2) then ReLU (Keras's valid padding), MaxPool1d(2), causal =
nn.Conv1d(8, 4, 2) on the sequence left-padded by one step (Keras's causal padding), AvgPool1d(2, stride 1),
lstm = nn.LSTM(4, 6, batch_first=True), fc = nn.Linear(6, 2) on the last step. PyTorch's Conv1d weight (O, I, k)
is Seqcast's layout, so the state dict loads as it is. Files (testdata/io/):
  torch_conv_import.safetensors     model.state_dict() (conv.weight, conv.bias, causal.weight, ..., fc.bias)
  torch_conv_import_io.safetensors  x [3, 16, 2] and y [3, 2] = model(x)
  torch_conv_import.json            the NetworkSpec with "source" names (conv, causal, lstm, fc)
"""
import json

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

torch.manual_seed(5)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv1d(2, 8, 3, dilation=2)
        self.pool = torch.nn.MaxPool1d(2)
        self.causal = torch.nn.Conv1d(8, 4, 2)
        self.avg = torch.nn.AvgPool1d(2, stride=1)
        self.lstm = torch.nn.LSTM(4, 6, batch_first=True)
        self.fc = torch.nn.Linear(6, 2)

    def forward(self, x):                           # x (B, T, 2)
        z = torch.relu(self.conv(x.transpose(1, 2)))
        z = self.pool(z)
        z = self.causal(F.pad(z, (1, 0)))
        z = self.avg(z)
        h, _ = self.lstm(z.transpose(1, 2))
        return self.fc(h[:, -1, :])


out = "testdata/io/"
net = Net().eval()
x = torch.randn(3, 16, 2)
with torch.no_grad():
    y = net(x)
save_file({k: v.contiguous() for k, v in net.state_dict().items()}, out + "torch_conv_import.safetensors")
save_file({"x": x.contiguous(), "y": y.contiguous()}, out + "torch_conv_import_io.safetensors")
spec = {"input": [None, 2], "layers": [
    {"type": "conv1d", "filters": 8, "kernel_size": 3, "dilation_rate": 2, "activation": "relu", "source": "conv"},
    {"type": "max_pooling1d", "pool_size": 2},
    {"type": "conv1d", "filters": 4, "kernel_size": 2, "padding": "causal", "source": "causal"},
    {"type": "average_pooling1d", "pool_size": 2, "strides": 1},
    {"type": "lstm", "units": 6, "source": "lstm"},
    {"type": "dense", "units": 2, "source": "fc"}]}
with open(out + "torch_conv_import.json", "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
