#!/usr/bin/env python3
"""Markdown tables of docs/accuracy/validation/ (written by validation.sh): one row per configuration, per data
set the competition's metric (MAPE for tourism, sMAPE for M1) / MASE and the wall seconds; then, for the
configurations run with seeds 0, 1 and 2, the mean and range over seeds. Run from the repository root:
    python3 tools/accuracy/validation_table.py"""
import glob
import os
import re
import statistics

OUT = "docs/accuracy/validation"
SETS = [("tourism_yearly", "MAPE"), ("tourism_quarterly", "MAPE"), ("tourism_monthly", "MAPE"),
        ("m1_yearly", "sMAPE"), ("m1_quarterly", "sMAPE")]


def scores(path):
    """model -> (MAPE, sMAPE, MASE) of a backtest table."""
    rows = {}
    for line in open(path):
        f = line.split()
        if len(f) >= 8 and f[0] not in ("model", "MASE") and all(re.match(r"^-?[0-9.]+$", x) for x in f[4:7]):
            rows[f[0]] = (float(f[4]), float(f[5]), float(f[6]))
    return rows


def times():
    t = {}
    path = os.path.join(OUT, "times.txt")
    if os.path.exists(path):
        for line in open(path):
            stem, name, seed, secs = line.split()
            t[(stem, name, seed)] = secs
    return t


def main():
    wall = times()
    sets = [(s, m) for s, m in SETS if glob.glob(os.path.join(OUT, s + "_*.txt"))]
    configs = []
    for path in sorted(glob.glob(os.path.join(OUT, "*.txt")), key=os.path.getmtime):
        name = os.path.basename(path)[:-4]
        for s, _ in sets:
            if name.startswith(s + "_"):
                config = name[len(s) + 1:]
                if not re.search(r"_s[0-9]+$", config) and config not in configs:
                    configs.append(config)
    head = "| configuration | " + " | ".join(f"{s.replace('_', ' ')} {m} / MASE (s)" for s, m in sets) + " |"
    print(head)
    print("|---" * (len(sets) + 1) + "|")
    rows = [("theta", "anchors", "theta"), ("snaive", "anchors", "snaive")]
    rows += [("lstm " + c, c, "lstm") for c in configs if c != "anchors"]
    for label, config, model in rows:
        cells = []
        for s, metric in sets:
            path = os.path.join(OUT, f"{s}_{config}.txt")
            r = scores(path).get(model) if os.path.exists(path) else None
            if r is None:
                cells.append("–")
                continue
            value = r[0] if metric == "MAPE" else r[1]
            secs = wall.get((s, config, "0"))
            cells.append(f"{value:.2f} / {r[2]:.3f}" + (f" ({secs})" if secs and model == "lstm" else ""))
        print(f"| {label} | " + " | ".join(cells) + " |")

    spread = []
    for config in configs:
        for s, metric in sets:
            paths = [os.path.join(OUT, f"{s}_{config}{'' if k == 0 else f'_s{k}'}.txt") for k in range(3)]
            if all(os.path.exists(p) for p in paths):
                spread.append((config, s, metric, [scores(p)["lstm"] for p in paths]))
    if spread:
        print()
        print("| configuration | data | metric: mean over seeds 0, 1, 2 [min, max] | MASE: mean [min, max] |")
        print("|---|---|---|---|")
        for config, s, metric, r in spread:
            v = [x[0] if metric == "MAPE" else x[1] for x in r]
            m = [x[2] for x in r]
            print(f"| lstm {config} | {s.replace('_', ' ')} | {metric} {statistics.mean(v):.2f} [{min(v):.2f}, "
                  f"{max(v):.2f}] | {statistics.mean(m):.3f} [{min(m):.3f}, {max(m):.3f}] |")


if __name__ == "__main__":
    main()
