#!/usr/bin/env python3
"""Writes the PyTorch golden fixtures of the Transformer kinds that seqcast-core's GoldenTransformerTorchTest checks:
MultiHeadAttention, the sinusoidal and learned positional encodings (in the fixture format of
generate_conv_torch.py / generate_attention_torch.py), and nn.TransformerEncoderLayer as a Graph (post- and
pre-norm; the format of generate_graph_torch.py), and MultiHeadAttention on separate query, value and key nodes of a
Graph (cross-attention, PyTorch's F.multi_head_attention_forward with its query, key and value).

Run from the repository root with Debian's PyTorch (apt-get install python3-torch):

    /usr/bin/python3 tools/golden/generate_transformer_torch.py

MultiHeadAttention holds Keras's tensors (query_kernel (I, N, K), query_bias (N, K), ..., attention_output_kernel
(N, V, O), attention_output_bias (O)) as its parameters. With K = V = I / N and O = I ("torch" cases) the forward
pass is PyTorch's own F.multi_head_attention_forward on in_proj_weight = [Wq; Wk; Wv] with Wq[n K + k, i] =
query_kernel[i, n, k], in_proj_bias = the biases flattened, out_proj.weight[o, n V + v] = attention_output_kernel[n,
v, o] (and the script checks once that nn.MultiheadAttention loaded with these tensors gives the same output). Other
key, value and output sizes and use_bias=False ("keras" cases) are Keras's equations written with torch.einsum.
The causal mask is PyTorch's boolean upper triangle (nn.Transformer.generate_square_subsequent_mask's pattern).
The sinusoidal encoding is the PyTorch tutorial's PositionalEncoding (sin on even, cos on odd features, 10000);
the learned one x + nn.Embedding(max_length, F).weight[:T].
Weights, inputs and targets are rounded to float32; everything after that is float64. A fixed seed per case.
"""
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

from goldenio import ADAM, adam, as_json, f32, optimizer_losses, write

ACT = {"linear": lambda a: a, "relu": torch.relu, "tanh": torch.tanh}


def causal_mask(T):
    return torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)            # True: j > i is not attended


class MultiHeadAttention(nn.Module):
    """Keras's MultiHeadAttention(num_heads, key_dim, value_dim, use_bias, output_shape)(x, x) with Keras's tensors."""

    def __init__(self, I, heads, key_dim, value_dim=None, use_bias=True, output_dim=None, causal=False):
        super().__init__()
        V = value_dim or key_dim
        O = output_dim or I
        self.N, self.K, self.V, self.O, self.causal = heads, key_dim, V, O, causal
        self.torch_layout = V == key_dim and key_dim * heads == I and O == I and use_bias
        self.query_kernel = nn.Parameter(torch.randn(I, heads, key_dim) / math.sqrt(I))
        if use_bias:
            self.query_bias = nn.Parameter(torch.rand(heads, key_dim) - 0.5)
        self.key_kernel = nn.Parameter(torch.randn(I, heads, key_dim) / math.sqrt(I))
        if use_bias:
            self.key_bias = nn.Parameter(torch.rand(heads, key_dim) - 0.5)
        self.value_kernel = nn.Parameter(torch.randn(I, heads, V) / math.sqrt(I))
        if use_bias:
            self.value_bias = nn.Parameter(torch.rand(heads, V) - 0.5)
        self.attention_output_kernel = nn.Parameter(torch.randn(heads, V, O) / math.sqrt(heads * V))
        if use_bias:
            self.attention_output_bias = nn.Parameter(torch.rand(O) - 0.5)
        self.use_bias = use_bias

    def torch_tensors(self):
        """nn.MultiheadAttention's in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias from Keras's."""
        I = self.query_kernel.shape[0]
        w = torch.cat([self.query_kernel.reshape(I, -1).T, self.key_kernel.reshape(I, -1).T,
                       self.value_kernel.reshape(I, -1).T])
        b = torch.cat([self.query_bias.reshape(-1), self.key_bias.reshape(-1), self.value_bias.reshape(-1)])
        return w, b, self.attention_output_kernel.reshape(-1, self.O).T, self.attention_output_bias

    def forward(self, x):                                                     # x (B, T, I)
        T = x.shape[1]
        mask = causal_mask(T) if self.causal else None
        if self.torch_layout:
            w, b, ow, ob = self.torch_tensors()
            xt = x.transpose(0, 1)                                             # PyTorch's (T, B, E)
            y, _ = F.multi_head_attention_forward(xt, xt, xt, self.O, self.N, w, b, None, None, False, 0.0, ow, ob,
                                                  training=False, need_weights=False, attn_mask=mask)
            return y.transpose(0, 1)
        q = torch.einsum("bti,ink->btnk", x, self.query_kernel)
        k = torch.einsum("bti,ink->btnk", x, self.key_kernel)
        v = torch.einsum("bti,inv->btnv", x, self.value_kernel)
        if self.use_bias:
            q, k, v = q + self.query_bias, k + self.key_bias, v + self.value_bias
        s = torch.einsum("binK,bjnK->bnij", q, k) / math.sqrt(self.K)
        if mask is not None:
            s = s.masked_fill(mask, float("-inf"))
        a = torch.softmax(s, dim=-1)
        c = torch.einsum("bnij,bjnv->binv", a, v)
        y = torch.einsum("binv,nvo->bio", c, self.attention_output_kernel)
        return y + self.attention_output_bias if self.use_bias else y


def check_against_module(mha, x):
    """nn.MultiheadAttention with the same numbers gives the same output (the documented mapping)."""
    w, b, ow, ob = mha.torch_tensors()
    m = nn.MultiheadAttention(mha.O, mha.N, batch_first=True).double()
    with torch.no_grad():
        m.in_proj_weight.copy_(w)
        m.in_proj_bias.copy_(b)
        m.out_proj.weight.copy_(ow)
        m.out_proj.bias.copy_(ob)
        mask = causal_mask(x.shape[1]) if mha.causal else None
        ours = mha(x)
        theirs, _ = m(x, x, x, attn_mask=mask, need_weights=False)
    assert torch.allclose(ours, theirs, atol=1e-12), float((ours - theirs).abs().max())


class Sinusoidal(nn.Module):
    """The PyTorch tutorial's PositionalEncoding (batch-first, no dropout), for any F."""

    def __init__(self, F_, max_len=500):
        super().__init__()
        position = torch.arange(max_len, dtype=torch.float64).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, F_, 2, dtype=torch.float64) * (-math.log(10000.0) / F_))
        pe = torch.zeros(max_len, F_, dtype=torch.float64)
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term[: F_ // 2])
        self.register_buffer("pe", pe)

    def forward(self, x):
        return x + self.pe[: x.shape[1]]


class Learned(nn.Module):
    def __init__(self, max_length, F_):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(max_length, F_) * 0.5)

    def forward(self, x):
        return x + self.weight[: x.shape[1]]


class Net(nn.Module):
    def __init__(self, arch, features):
        super().__init__()
        self.arch = arch
        width = features
        for k, layer in enumerate(arch):
            kind = layer["type"]
            if kind == "MultiHeadAttention":
                self.add_module(str(k), MultiHeadAttention(width, layer["num_heads"], layer["key_dim"],
                                                           layer.get("value_dim"), layer.get("use_bias", True),
                                                           layer.get("output_dim"), layer.get("causal", False)))
                width = layer.get("output_dim") or width
            elif kind == "SinusoidalPositionalEncoding":
                self.add_module(str(k), Sinusoidal(width))
            elif kind == "LearnedPositionalEncoding":
                self.add_module(str(k), Learned(layer["max_length"], width))
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
            if kind in ("MultiHeadAttention", "SinusoidalPositionalEncoding", "LearnedPositionalEncoding"):
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
    ("mha_torch_self",
     [{"type": "Dense", "units": 8, "activation": "tanh"}, {"type": "MultiHeadAttention", "num_heads": 2, "key_dim": 4},
      {"type": "LSTM", "units": 4}, {"type": "Dense", "units": 2}], 3, 6, 3),
    ("mha_torch_causal",
     [{"type": "LSTM", "units": 6, "return_sequences": True},
      {"type": "MultiHeadAttention", "num_heads": 3, "key_dim": 2, "causal": True}, {"type": "Dense", "units": 2}],
     2, 7, 3),
    ("mha_keras_value_output_no_bias_causal",
     [{"type": "MultiHeadAttention", "num_heads": 2, "key_dim": 3, "value_dim": 5, "output_dim": 4,
       "use_bias": False, "causal": True}, {"type": "GlobalAveragePooling1D"}, {"type": "Dense", "units": 2}],
     3, 5, 3),
    ("mha_keras_value_dim_bias",
     [{"type": "Dense", "units": 5, "activation": "tanh"},
      {"type": "MultiHeadAttention", "num_heads": 3, "key_dim": 2, "value_dim": 4},
      {"type": "Dense", "units": 1}], 2, 6, 2),
    ("positional_sinusoidal_mha",
     [{"type": "Dense", "units": 7, "activation": "tanh"}, {"type": "SinusoidalPositionalEncoding"},
      {"type": "MultiHeadAttention", "num_heads": 1, "key_dim": 7, "causal": True},
      {"type": "GlobalAveragePooling1D"}, {"type": "Dense", "units": 2}], 3, 9, 2),
    ("positional_learned_mha",
     [{"type": "Dense", "units": 4, "activation": "tanh"}, {"type": "LearnedPositionalEncoding", "max_length": 8},
      {"type": "MultiHeadAttention", "num_heads": 2, "key_dim": 2}, {"type": "LSTM", "units": 3},
      {"type": "Dense", "units": 2}], 3, 6, 2),
]


def make_case(seed, name, arch, B, T, I):
    torch.manual_seed(seed)
    net = Net(arch, I).double()
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(f32(p))
        for pname, p in net.named_parameters():
            if p.dim() == 1 and not pname.endswith("_bias"):                  # biases away from zero
                p.copy_(f32(torch.rand_like(p) - 0.5))
    params = {k: as_json(v) for k, v in net.state_dict().items() if not k.endswith(".pe")}
    x = f32(torch.randn(B, T, I, dtype=torch.float64)).requires_grad_(True)
    for k, layer in enumerate(arch):
        if layer["type"] == "MultiHeadAttention" and getattr(net, str(k)).torch_layout:
            probe = f32(torch.randn(B, T, getattr(net, str(k)).O, dtype=torch.float64))
            check_against_module(getattr(net, str(k)), probe)
    out = net(x)
    y = f32(torch.randn(*out.shape, dtype=torch.float64))
    loss = torch.mean((out - y) ** 2)
    loss.backward()
    grads = {k: as_json(p.grad) for k, p in net.named_parameters()}
    dx = as_json(x.grad)
    x = x.detach()
    losses = optimizer_losses(adam(net.parameters()), lambda: torch.mean((net(x) - y) ** 2))
    return {
        "case": name,
        "generator": "tools/golden/generate_transformer_torch.py",
        "torch_version": torch.__version__,
        "python_version": sys.version.split()[0],
        "architecture": arch,
        "input_shape": [T, I],
        "loss": "mse",
        "x": as_json(x),
        "y": as_json(y),
        "params": params,
        "output": as_json(out),
        "loss_value": float(loss),
        "grads": grads,
        "dx": dx,
        "optimizer": {**ADAM, "losses": losses},
    }


# ---- nn.TransformerEncoderLayer as a Graph ----

def encoder_case(seed, name, norm_first, B=3, T=6, I=3, d_model=8, heads=2, ff=12):
    """x (B, T, I) -> embed Dense(d_model) -> nn.TransformerEncoderLayer(d_model, heads, ff, dropout 0, relu,
    batch_first, norm_first) -> last step -> head Dense(2); parameters under the Graph's node names."""
    torch.manual_seed(seed)
    embed = nn.Linear(I, d_model).double()
    layer = nn.TransformerEncoderLayer(d_model, heads, ff, dropout=0.0, activation="relu", batch_first=True,
                                       norm_first=norm_first).double()
    head = nn.Linear(d_model, 2).double()
    with torch.no_grad():
        for m in (embed, layer, head):
            for pname, p in m.named_parameters():
                if p.dim() == 1:
                    p.copy_(torch.rand_like(p) - 0.5)                          # biases, γ and β away from 0 and 1
                    if "norm" in pname and pname.endswith("weight"):
                        p.add_(1.0)
                p.copy_(f32(p))
    K = d_model // heads

    def ours():
        """Our Graph's parameters (node.parameter) from the modules' current values."""
        w, b = layer.self_attn.in_proj_weight, layer.self_attn.in_proj_bias
        E = d_model
        kern = [w[r * E:(r + 1) * E].T.reshape(E, heads, K) for r in range(3)]
        bias = [b[r * E:(r + 1) * E].reshape(heads, K) for r in range(3)]
        return {
            "embed.weight": embed.weight, "embed.bias": embed.bias,
            "enc_mha.query_kernel": kern[0], "enc_mha.query_bias": bias[0], "enc_mha.key_kernel": kern[1],
            "enc_mha.key_bias": bias[1], "enc_mha.value_kernel": kern[2], "enc_mha.value_bias": bias[2],
            "enc_mha.attention_output_kernel": layer.self_attn.out_proj.weight.T.reshape(heads, K, E),
            "enc_mha.attention_output_bias": layer.self_attn.out_proj.bias,
            "enc_norm1.weight": layer.norm1.weight, "enc_norm1.bias": layer.norm1.bias,
            "enc_ff1.weight": layer.linear1.weight, "enc_ff1.bias": layer.linear1.bias,
            "enc_ff2.weight": layer.linear2.weight, "enc_ff2.bias": layer.linear2.bias,
            "enc_norm2.weight": layer.norm2.weight, "enc_norm2.bias": layer.norm2.bias,
            "head.weight": head.weight, "head.bias": head.bias,
        }

    def grads():
        """The same mapping applied to the gradients."""
        E = d_model
        gw, gb = layer.self_attn.in_proj_weight.grad, layer.self_attn.in_proj_bias.grad
        out = {}
        out.update({
            "embed.weight": embed.weight.grad, "embed.bias": embed.bias.grad,
            "enc_mha.attention_output_kernel": layer.self_attn.out_proj.weight.grad.T.reshape(heads, K, E),
            "enc_mha.attention_output_bias": layer.self_attn.out_proj.bias.grad,
            "enc_norm1.weight": layer.norm1.weight.grad, "enc_norm1.bias": layer.norm1.bias.grad,
            "enc_ff1.weight": layer.linear1.weight.grad, "enc_ff1.bias": layer.linear1.bias.grad,
            "enc_ff2.weight": layer.linear2.weight.grad, "enc_ff2.bias": layer.linear2.bias.grad,
            "enc_norm2.weight": layer.norm2.weight.grad, "enc_norm2.bias": layer.norm2.bias.grad,
            "head.weight": head.weight.grad, "head.bias": head.bias.grad,
        })
        for r, role in enumerate(("query", "key", "value")):
            out["enc_mha." + role + "_kernel"] = gw[r * E:(r + 1) * E].T.reshape(E, heads, K)
            out["enc_mha." + role + "_bias"] = gb[r * E:(r + 1) * E].reshape(heads, K)
        return out

    def net(x):
        return head(layer(embed(x))[:, -1, :])

    params = {k: as_json(v) for k, v in ours().items()}
    x = f32(torch.randn(B, T, I, dtype=torch.float64))
    out = net(x)
    y = f32(torch.randn(*out.shape, dtype=torch.float64))
    loss = torch.mean((out - y) ** 2)
    loss.backward()
    grads = {k: as_json(v) for k, v in grads().items()}
    all_params = list(embed.parameters()) + list(layer.parameters()) + list(head.parameters())
    losses = optimizer_losses(adam(all_params), lambda: torch.mean((net(x) - y) ** 2))
    return {
        "case": name,
        "generator": "tools/golden/generate_transformer_torch.py",
        "torch_version": torch.__version__,
        "python_version": sys.version.split()[0],
        "encoder": {"d_model": d_model, "heads": heads, "ff_units": ff, "norm_first": norm_first,
                    "epsilon": layer.norm1.eps},
        "inputs": {"x": as_json(x)},
        "targets": {"y": as_json(y)},
        "params": params,
        "outputs": {"y": as_json(out)},
        "loss_value": float(loss),
        "grads": grads,
        "optimizer": {**ADAM, "losses": losses},
    }


# ---- cross-attention: MultiHeadAttention on a query, a value and a key node of a Graph ----

def cross_case(seed, name, causal, with_key, B=3, Tq=4, Tk=6, I=4, heads=2):
    """Inputs q (B, Tq, I), v (B, Tk, I) [and k (B, Tk, I)] -> mha(query=q, value=v, key=k or v) -> last step ->
    head Dense(2); PyTorch's F.multi_head_attention_forward on the Keras tensors (K = V = I / heads)."""
    torch.manual_seed(seed)
    mha = MultiHeadAttention(I, heads, I // heads, causal=causal).double()
    head = nn.Linear(I, 2).double()
    with torch.no_grad():
        for p in list(mha.parameters()) + list(head.parameters()):
            p.copy_(f32(p))
    inputs = {"q": f32(torch.randn(B, Tq, I, dtype=torch.float64)), "v": f32(torch.randn(B, Tk, I, dtype=torch.float64))}
    if with_key:
        inputs["k"] = f32(torch.randn(B, Tk, I, dtype=torch.float64))
    for t in inputs.values():
        t.requires_grad_(True)

    def net():
        w, b, ow, ob = mha.torch_tensors()
        q = inputs["q"].transpose(0, 1)
        v = inputs["v"].transpose(0, 1)
        k = inputs["k"].transpose(0, 1) if with_key else v
        mask = torch.triu(torch.ones(Tq, Tk, dtype=torch.bool), diagonal=1) if causal else None
        y, _ = F.multi_head_attention_forward(q, k, v, I, heads, w, b, None, None, False, 0.0, ow, ob,
                                              training=False, need_weights=False, attn_mask=mask)
        return head(y.transpose(0, 1)[:, -1, :])

    params = {"mha." + k: as_json(v) for k, v in mha.state_dict().items()}
    params.update({"head." + k: as_json(v) for k, v in head.state_dict().items()})
    out = net()
    y = f32(torch.randn(*out.shape, dtype=torch.float64))
    loss = torch.mean((out - y) ** 2)
    loss.backward()
    grads = {"mha." + k: as_json(p.grad) for k, p in mha.named_parameters()}
    grads.update({"head." + k: as_json(p.grad) for k, p in head.named_parameters()})
    dx = {k: as_json(t.grad) for k, t in inputs.items()}
    return {
        "case": name,
        "generator": "tools/golden/generate_transformer_torch.py",
        "torch_version": torch.__version__,
        "python_version": sys.version.split()[0],
        "attention": {"num_heads": heads, "key_dim": I // heads, "causal": causal},
        "inputs": {k: as_json(t.detach()) for k, t in inputs.items()},
        "targets": {"y": as_json(y)},
        "params": params,
        "outputs": {"y": as_json(out)},
        "loss_value": float(loss),
        "grads": grads,
        "dx": dx,
    }


def main():
    for seed, spec in enumerate(CASES, start=401):
        write(make_case(seed, *spec), spec[0])
    for seed, (name, norm_first) in enumerate([("transformer_post_norm", False), ("transformer_pre_norm", True)],
                                              start=451):
        write(encoder_case(seed, name, norm_first), "graph_" + name)
    for seed, (name, causal, with_key) in enumerate([("mha_cross_causal", True, False), ("mha_cross_key", False, True)],
                                                    start=471):
        write(cross_case(seed, name, causal, with_key), "graph_" + name)


if __name__ == "__main__":
    main()
