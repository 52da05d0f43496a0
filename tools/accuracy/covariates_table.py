#!/usr/bin/env python3
"""Helper of tools/accuracy/covariates.sh, reading the JSON that `seqcast backtest --json` writes.
    covariates_table.py brief RUN.json            one line: MAE, RMSE, MASE of each model
    covariates_table.py best MODEL val_*.json     the candidate (file name after val_<arm>_) with MODEL's lowest MAE
    covariates_table.py table docs/accuracy/covariates
                                                  markdown tables: per data set validation and test scores"""
import csv
import glob
import json
import os
import statistics
import sys

METRICS = ("mae", "rmse", "mase")


def models(path):
    """model -> its scores; the seasonal naive that every backtest adds as the skill reference is kept only in
    the anchors' runs"""
    with open(path) as f:
        ms = {m["model"]: m for m in json.load(f)["models"]}
    if "anchors" not in os.path.basename(path) and len(ms) > 1:
        ms.pop("snaive", None)
    return ms


def brief(path):
    return "; ".join(f"{name} MAE {m['mae']:.4g} RMSE {m['rmse']:.4g} MASE {m['mase']:.3f}"
                     for name, m in models(path).items())


def candidate(path):
    """val_<arm>_<candidate>.json -> <candidate>"""
    return os.path.basename(path)[:-5].split("_", 2)[2]


def best(model, paths):
    """the run with MODEL's lowest MAE: every candidate has the same series and origins, so MAE compares them,
    while the backtest's MASE follows --period (1 for the regression without seasonal dummies)"""
    return min(paths, key=lambda p: models(p)[model]["mae"])


def folds(path):
    """model -> [((series, fold), mae, mase)] from the per-fold CSV beside a run's JSON"""
    out = {}
    with open(path[:-5] + ".csv") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["model"], []).append(((r["series"], r["fold"]), float(r["mae"]), float(r["mase"])))
    return out


def seasonal_mase(path, model, anchors):
    """MODEL's mean MASE over series and folds with the seasonal naive's scale of the anchors' run (same origins)"""
    scale = {fold: mae / mase for fold, mae, mase in folds(anchors)["snaive"]}
    return statistics.mean(mae / scale[fold] for fold, mae, _ in folds(path)[model])


def scores(path, anchors):
    """model -> {mae, rmse, mase}, the MASE on the seasonal scale"""
    return {name: {"mae": m["mae"], "rmse": m["rmse"], "mase": seasonal_mase(path, name, anchors)}
            for name, m in models(path).items()}


def fmt(values):
    """mean, with the range over seeds when there are several"""
    mean = statistics.mean(values)
    if len(values) == 1:
        return f"{mean:.4g}"
    return f"{mean:.4g} ({min(values):.4g}–{max(values):.4g})"


def validation_table(d):
    print("| arm | candidate | model | MAE | RMSE | MASE |\n|---|---|---|---|---|---|")
    choices = dict(line.split() for line in open(os.path.join(d, "choices.txt")))
    for path in sorted(glob.glob(os.path.join(d, "val_*.json"))):
        arm = os.path.basename(path)[4:].split("_", 1)[0]
        cand = candidate(path) if arm != "anchors.json" else ""
        for name, m in scores(path, os.path.join(d, "val_anchors.json")).items():
            chosen = " **chosen**" if choices.get(arm) == cand else ""
            label = arm if arm != "anchors.json" else "anchors"
            print(f"| {label} | {cand}{chosen} | {name} | " + " | ".join(f"{m[k]:.4g}" for k in METRICS) + " |")


def test_table(d):
    rows = {}  # label -> metric -> values over seeds
    for path in sorted(glob.glob(os.path.join(d, "test_*.json"))):
        stem = os.path.basename(path)[5:-5]
        arm = stem.rsplit("_s", 1)[0] if stem.startswith("lstm") else stem
        for name, m in scores(path, os.path.join(d, "test_anchors.json")).items():
            label = arm if arm.startswith("lstm") else name
            for k in METRICS:
                rows.setdefault(label, {}).setdefault(k, []).append(m[k])
    print("| model | MAE | RMSE | MASE |\n|---|---|---|---|")
    for label, ms in rows.items():
        seeds = f" ({len(ms['mase'])} seeds)" if len(ms["mase"]) > 1 else ""
        print(f"| {label}{seeds} | " + " | ".join(fmt(ms[k]) for k in METRICS) + " |")


def table(root):
    for d in sorted(glob.glob(os.path.join(root, "*", ""))):
        if not os.path.exists(os.path.join(d, "choices.txt")):
            continue
        data = os.path.basename(os.path.dirname(d))
        print(f"\n### {data}: validation origins (seed 0)\n")
        validation_table(d)
        print(f"\n### {data}: test origins (networks: mean (min–max) over seeds 0, 1, 2)\n")
        test_table(d)


def main(argv):
    if argv[0] == "brief":
        print(brief(argv[1]))
    elif argv[0] == "best":
        print(candidate(best(argv[1], argv[2:])))
    elif argv[0] == "table":
        table(argv[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
