#!/usr/bin/env python3
"""Writes the safetensors fixtures of seqcast-forecast's org.seqcast.io tests with PyTorch and Python's
safetensors library (the reference implementation), so the Java reader is tested on files it did not write.

    python3 tools/modelfile/make_torch_fixture.py [out_dir]   (default testdata/io)

Needs torch (Debian python3-torch) and safetensors (pip). Writes:
  torch_lstm.safetensors     state dict of nn.LSTM(3, 4, batch_first=True) as module "0" and nn.Linear(4, 2)
                             as module "1": 0.weight_ih_l0 [16, 3], 0.weight_hh_l0 [16, 4], 0.bias_ih_l0 [16],
                             0.bias_hh_l0 [16], 1.weight [2, 4], 1.bias [2]; metadata {"format": "pt"}
  torch_lstm_io.safetensors  x [2, 5, 3] (batch-first input) and y [2, 2] = Linear(LSTM(x)[:, -1, :])
  torch_f16.safetensors      one float16 tensor "w" [2, 2], which Seqcast must refuse naming the dtype
"""
import pathlib
import sys

import torch
from safetensors.torch import save_file


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.add_module("0", torch.nn.LSTM(3, 4, batch_first=True))
        self.add_module("1", torch.nn.Linear(4, 2))

    def forward(self, x):
        h, _ = getattr(self, "0")(x)
        return getattr(self, "1")(h[:, -1, :])


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "testdata/io")
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(20240611)
    net = Net()
    x = torch.randn(2, 5, 3)
    with torch.no_grad():
        y = net(x)
    save_file({k: v.contiguous() for k, v in net.state_dict().items()}, out / "torch_lstm.safetensors",
              metadata={"format": "pt"})
    save_file({"x": x, "y": y}, out / "torch_lstm_io.safetensors")
    save_file({"w": torch.ones(2, 2, dtype=torch.float16)}, out / "torch_f16.safetensors")
    for name in ("torch_lstm.safetensors", "torch_lstm_io.safetensors", "torch_f16.safetensors"):
        print(out / name, (out / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
