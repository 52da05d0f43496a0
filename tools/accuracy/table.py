#!/usr/bin/env python3
"""Markdown table of a directory of backtest outputs written by ensemble_validation.sh or holdout.sh
(<data>_<run>[_s<seed>].txt): one row per model and run, per data set the competition's metric (MAPE for tourism,
sMAPE for M1 and M4) / MASE; rows of seeds other than 0 are left out of it and summarised after it (mean, min and
max over the seeds of each ensemble run, and of each network of a singles run, that has more than one). Run from the repository root:
    python3 tools/accuracy/table.py docs/accuracy/ensemble_validation
    python3 tools/accuracy/table.py docs/accuracy/holdout"""
import glob
import os
import re
import sys

SETS = [("tourism_yearly", "MAPE"), ("tourism_quarterly", "MAPE"), ("tourism_monthly", "MAPE"),
        ("m1_yearly", "sMAPE"), ("m1_quarterly", "sMAPE"), ("m1_monthly", "sMAPE"),
        ("m4_hourly", "sMAPE"), ("m4_weekly", "sMAPE")]


def scores(path):
    """model -> (MAPE, sMAPE, MASE) of a backtest table."""
    rows = {}
    for line in open(path):
        f = line.split()
        if len(f) >= 8 and f[0] not in ("model", "MASE") and all(re.match(r"^-?[0-9.]+$", x) for x in f[4:7]):
            rows[f[0]] = (float(f[4]), float(f[5]), float(f[6]))
    return rows


def main(out):
    sets = [(s, m) for s, m in SETS if glob.glob(os.path.join(out, s + "_*.txt"))]
    table = {}  # row label -> set -> "metric / MASE"
    order = []
    for s, metric in sets:
        for path in sorted(glob.glob(os.path.join(out, s + "_*.txt")), key=os.path.getmtime):
            run = os.path.basename(path)[len(s) + 1:-4]
            if re.search(r"_s[0-9]+$", run):
                continue
            for model, (mape, smape, mase) in scores(path).items():
                if run not in ("anchors", "singles") and model != "ensemble":
                    continue  # the anchors' rows come from their own run
                label = model if run in ("anchors", "singles") else f"{model} ({run})"
                if label not in order:
                    order.append(label)
                value = mape if metric == "MAPE" else smape
                table.setdefault(label, {})[s] = f"{value:.2f} / {mase:.3f}"
    print("| model | " + " | ".join(f"{s.replace('_', ' ')} {m} / MASE" for s, m in sets) + " |")
    print("|---" * (len(sets) + 1) + "|")
    for label in order:
        print(f"| {label} | " + " | ".join(table[label].get(s, "–") for s, _ in sets) + " |")
    seeds(out, sets)


def seeds(out, sets):
    """Mean [min, max] over seeds of the ensemble's metric and MASE, for the runs with several seeds."""
    rows = []
    for s, metric in sets:
        for path in sorted(glob.glob(os.path.join(out, s + "_*.txt"))):
            run = os.path.basename(path)[len(s) + 1:-4]
            if re.search(r"_s[0-9]+$", run) or run == "anchors":
                continue
            runs = [path] + sorted(glob.glob(os.path.join(out, f"{s}_{run}_s*.txt")))
            if len(runs) < 2:
                continue
            # the ensemble of an ensemble run; each network of a singles run (lstm, gru or their -deseason hybrids)
            models = [m for m in scores(path) if m.split("-")[0] in ("lstm", "gru", "rnn")] if run == "singles" \
                else ["ensemble"]
            for model in models:
                got = [scores(p).get(model) for p in runs]
                got = [g for g in got if g]
                col = 0 if metric == "MAPE" else 1
                m = [g[col] for g in got]
                q = [g[2] for g in got]
                label = run if model == "ensemble" else model
                rows.append(f"| {s.replace('_', ' ')} ({label}) | {len(got)} | {metric} {sum(m) / len(m):.2f} "
                            f"[{min(m):.2f}, {max(m):.2f}] | {sum(q) / len(q):.3f} [{min(q):.3f}, {max(q):.3f}] |")
    if rows:
        print()
        print("| data (run) | seeds | metric: mean [min, max] | MASE: mean [min, max] |")
        print("|---|---|---|---|")
        print("\n".join(rows))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/accuracy/holdout")
