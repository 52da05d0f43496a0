#!/usr/bin/env python3
"""Writes the fixture of PyTorch import of a bidirectional recurrent network (NetworkFileTest): a stacked
bidirectional LSTM as a PyTorch user writes it, saved as its state dict, and the architecture JSON that reads it.

    /usr/bin/python3 tools/modelfile/make_torch_bidirectional_fixture.py   (repository root; Debian python3-torch)

Model: lstm = nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True); fc = nn.Linear(8, 2);
forward: fc(lstm(x)[0]), fc on every step. Seqcast reads it as Bidirectional(LSTM(4, return_sequences)) twice,
sources lstm@0 and lstm@1 (state-dict names lstm.weight_ih_l1_reverse, ...), then Dense(2) (source fc), which
applies to every step. Files (testdata/io/):
  torch_bidirectional.safetensors     model.state_dict()   (written by the minimal writer below: the format is an
                                      8-byte little-endian header length, a JSON header, raw little-endian data)
  torch_bidirectional_io.safetensors  x [3, 6, 3] and y_seq = net(x) [3, 6, 2]
  torch_bidirectional.json            the NetworkSpec with "source" names
"""
import json
import struct

import torch

torch.manual_seed(5)


def save_safetensors(tensors, path):
    header, offset, blobs = {}, 0, []
    for name, t in tensors.items():
        data = t.detach().contiguous().float().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True)
        self.fc = torch.nn.Linear(8, 2)

    def forward(self, x):
        return self.fc(self.lstm(x)[0])


out = "testdata/io/"
net = Net().eval()
x = torch.randn(3, 6, 3)
with torch.no_grad():
    y = net(x)
save_safetensors(net.state_dict(), out + "torch_bidirectional.safetensors")
save_safetensors({"x": x, "y_seq": y}, out + "torch_bidirectional_io.safetensors")
spec = {"input": [None, 3], "layers": [
    {"type": "bidirectional", "layer": {"type": "lstm", "units": 4, "return_sequences": True}, "source": "lstm@0"},
    {"type": "bidirectional", "layer": {"type": "lstm", "units": 4, "return_sequences": True}, "source": "lstm@1"},
    {"type": "dense", "units": 2, "source": "fc"}]}
with open(out + "torch_bidirectional.json", "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
