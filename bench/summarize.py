#!/usr/bin/env python3
"""Turns the JSON lines of bench/compare.sh into the ratio table of docs/PERFORMANCE.md.

usage: python3 bench/summarize.py bench/results/DATE.jsonl

For each (configuration, cell, threads) the latest Seqcast record is compared with PyTorch's fastest record
of the same configuration and cell at no more threads (PyTorch's 2-thread runs can be slower than its
1-thread runs on 2 cores). Ratios: training and batch-256 throughput as Seqcast / PyTorch (higher is
better), batch-1 latency as Seqcast / PyTorch (lower is better).
"""
import json
import sys

TARGETS = {  # training x, latency ratio at most, b256 x
    "S": (4.0, 0.05, 3.0),
    "M": (1.5, 0.10, 2.0),
    "L": (1.0, 0.20, 1.5),
}


def key(rec):
    c = rec["config"]
    return (c["label"], c["cell"])


def main(path):
    torch, ours = {}, {}
    with open(path) as f:
        for line in f:
            rec = json.loads(line)
            bucket = torch if rec["bench"] == "torch_rnn" else ours
            bucket.setdefault(key(rec), {})[rec["threads"]] = rec
    print("| config | cell | threads | training samples/s (Seqcast / PyTorch) | x | target | "
          "batch-1 latency µs (Seqcast / PyTorch) | ratio | target | batch-256 samples/s (Seqcast / PyTorch) | x | target | "
          "Seqcast GFLOP/s (train) | peak heap MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for (label, cell), by_threads in sorted(ours.items(), key=lambda kv: ("SML".index(kv[0][0]), kv[0][1])):
        for threads, s in sorted(by_threads.items()):
            t_all = [r for th, r in torch.get((label, cell), {}).items() if th <= threads]
            if not t_all:
                continue
            best_train = max(t_all, key=lambda r: r.get("train_samples_per_s", 0))
            best_b1 = min(t_all, key=lambda r: r["infer_b1_us"])
            best_b256 = max(t_all, key=lambda r: r["infer_b256_samples_per_s"])
            tt, tl, tb = TARGETS.get(label, (float("nan"),) * 3)
            train_x = s["train_samples_per_s"] / best_train["train_samples_per_s"]
            lat = s["infer_b1_us"] / best_b1["infer_b1_us"]
            b256_x = s["infer_b256_samples_per_s"] / best_b256["infer_b256_samples_per_s"]

            def mark(ok):
                return "" if ok else " (miss)"
            print(f"| {label} | {cell} | {threads} "
                  f"| {s['train_samples_per_s']:.0f} / {best_train['train_samples_per_s']:.0f} (t={best_train['threads']}) "
                  f"| {train_x:.2f}x{mark(train_x >= tt)} | ≥ {tt}x "
                  f"| {s['infer_b1_us']:.0f} / {best_b1['infer_b1_us']:.0f} | {lat:.3f}{mark(lat <= tl)} | ≤ {tl} "
                  f"| {s['infer_b256_samples_per_s']:.0f} / {best_b256['infer_b256_samples_per_s']:.0f} "
                  f"| {b256_x:.2f}x{mark(b256_x >= tb)} | ≥ {tb}x "
                  f"| {s['train_gflops']:.1f} | {s['peak_heap_mb']:.0f} |")


if __name__ == "__main__":
    main(sys.argv[1])
