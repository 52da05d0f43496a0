#!/usr/bin/env python3
"""Forecast pools for choosing the recommended ensemble's members on VALIDATION origins (docs/ACCURACY.md,
"Choosing the ensemble's members").

  pool.py prepare STAGE STEM H FILE OUTDIR [K]  write OUTDIR/train.csv (what the models see) and OUTDIR/actual.csv;
                                             with K, only every K-th series (the 1st, (K+1)-th, ...), a fixed subset
                                             for candidates too costly to fit on every series
  pool.py score DIR [DIR...]                 score every member and every candidate combination in each DIR
  pool.py rank DIR [DIR...]                  rank the candidate combinations (COMBOS) by their mean ratio to theta

STAGE is `validation` (each series loses its competition holdout of H points and the H points before it; the
models forecast those H points from the rest, so nothing of the holdout is read) or `holdout` (each series loses
its last H points, the competition's holdout, and the models forecast them). Members' forecasts are the files
OUTDIR/<member>.csv that `seqcast forecast` writes (series_id,date,forecast). Metrics are those of `seqcast
backtest`: MAPE and sMAPE in percent, MASE scaled by the in-sample seasonal naive MAE of the part the models saw
(season m of the data set, or MASE_PERIOD when set), each a mean over steps, then over series.
"""
import csv
import itertools
import math
import os
import statistics
import sys
from collections import OrderedDict, defaultdict


def read_long(path):
    """series id -> list of (time, value, split) rows in file order."""
    out = OrderedDict()
    with open(path, newline="") as f:
        r = csv.DictReader(f)
        time_col = "date" if "date" in r.fieldnames else "t"
        for row in r:
            out.setdefault(row["series_id"], []).append((row[time_col], row["value"], row.get("split", "train")))
    return out, time_col


def prepare(stage, h, src, outdir, every=1):
    series, time_col = read_long(src)
    series = OrderedDict(kv for i, kv in enumerate(series.items()) if i % every == 0)
    os.makedirs(outdir, exist_ok=True)
    drop = {"validation": 2 * h, "holdout": h}[stage]
    with open(os.path.join(outdir, "train.csv"), "w", newline="") as ft, \
            open(os.path.join(outdir, "actual.csv"), "w", newline="") as fa:
        wt, wa = csv.writer(ft), csv.writer(fa)
        wt.writerow(["series_id", time_col, "value"])
        wa.writerow(["series_id", "step", "value"])
        for sid, rows in series.items():
            rows = [r for r in rows if r[2] in ("train", "test")]
            n = len(rows)
            # the competition's training part followed by its holdout of h points
            if sum(1 for r in rows if r[2] == "test") not in (0, h):
                raise SystemExit(f"{src}: series {sid} has a holdout of other than {h} points")
            keep = rows[: n - drop]
            target = rows[n - drop: n - drop + h]
            for t, v, _ in keep:
                wt.writerow([sid, t, v])
            for k, (_, v, _) in enumerate(target):
                wa.writerow([sid, k, v])


def load_dir(d):
    train, actual = defaultdict(list), defaultdict(list)
    with open(os.path.join(d, "train.csv"), newline="") as f:
        for row in csv.DictReader(f):
            train[row["series_id"]].append(float(row["value"]))
    with open(os.path.join(d, "actual.csv"), newline="") as f:
        for row in csv.DictReader(f):
            actual[row["series_id"]].append(float(row["value"]))
    members = {}
    for name in sorted(os.listdir(d)):
        if not name.endswith(".csv") or name in ("train.csv", "actual.csv"):
            continue
        fc = defaultdict(list)
        with open(os.path.join(d, name), newline="") as f:
            for row in csv.DictReader(f):
                fc[row["series_id"]].append(float(row["forecast"]))
        if set(fc) != set(actual):
            print(f"{d}/{name}: forecasts for {len(fc)} of {len(actual)} series, left out", file=sys.stderr)
            continue
        members[name[:-4]] = fc
    with open(os.path.join(d, "period")) as f:
        m = int(f.read().strip())
    # MASE_PERIOD scores MASE with another season than the models were given (M4 scores weekly data with m = 1)
    return train, actual, members, int(os.environ.get("MASE_PERIOD") or m)


def scores(train, actual, fc, m):
    mape, smape, mase = [], [], []
    for sid, y in actual.items():
        f = fc[sid]
        x = train[sid]
        lag = m if len(x) > m else 1
        scale = statistics.fmean(abs(x[t] - x[t - lag]) for t in range(lag, len(x)))
        # a series with an actual value of 0 has no MAPE, as in seqcast backtest (left out of the mean)
        mape.append(statistics.fmean(abs(a - b) / abs(a) for a, b in zip(y, f)) * 100 if 0 not in y else math.nan)
        smape.append(statistics.fmean(200 * abs(a - b) / (abs(a) + abs(b)) if abs(a) + abs(b) > 0 else 0.0
                                      for a, b in zip(y, f)))
        mase.append(statistics.fmean(abs(a - b) for a, b in zip(y, f)) / scale if scale > 0 else math.nan)
    return tuple(statistics.fmean(v for v in col if not math.isnan(v)) for col in (mape, smape, mase))


def combine(members, names, how):
    out = {}
    for sid in members[names[0]]:
        cols = list(zip(*(members[n][sid] for n in names)))
        out[sid] = [statistics.median(c) if how == "median" else statistics.fmean(c) for c in cols]
    return out


def rank(dirs, combos):
    """Each candidate's mean, over the data sets, of its competition metric (MAPE on tourism, sMAPE on M1 and M4)
    and its MASE as ratios to theta's on the same set: below 1 beats theta on average."""
    table = defaultdict(dict)
    for d in dirs:
        train, actual, members, m = load_dir(d)
        metric = 0 if "tourism" in d else 1
        ref = scores(train, actual, members["theta"], m)
        for label, how, names in combos:
            if all(n in members for n in names):
                s = scores(train, actual, combine(members, names, how), m)
                table[f"{how}({label})"][os.path.basename(d.rstrip("/"))] = (s[metric] / ref[metric] + s[2] / ref[2]) / 2
    sets = [os.path.basename(d.rstrip("/")) for d in dirs]
    print("| candidate | " + " | ".join(sets) + " | mean |\n|---|" + "---|" * (len(sets) + 1))
    for name, row in sorted(table.items(), key=lambda kv: sum(kv[1].values()) / max(1, len(kv[1]))):
        cells = [f"{row[s]:.3f}" if s in row else "–" for s in sets]
        mean = sum(row.values()) / len(row) if len(row) == len(sets) else float("nan")
        print(f"| {name} | " + " | ".join(cells) + f" | {mean:.3f} |")


def score(dirs, combos):
    for d in dirs:
        train, actual, members, m = load_dir(d)
        print(f"\n## {d} (m = {m}, {len(actual)} series)")
        print("| model | MAPE | sMAPE | MASE |\n|---|---|---|---|")
        rows = [(n, scores(train, actual, fc, m)) for n, fc in members.items()]
        for label, how, names in combos:
            if all(n in members for n in names):
                rows.append((f"{how}({label})", scores(train, actual, combine(members, names, how), m)))
        for n, (a, b, c) in rows:
            print(f"| {n} | {a:.2f} | {b:.2f} | {c:.3f} |")


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        stage, stem, h, src, outdir = sys.argv[2:7]
        prepare(stage, int(h), src, outdir, int(sys.argv[7]) if len(sys.argv) > 7 else 1)
    elif sys.argv[1] in ("score", "rank"):
        combos = []
        spec = os.environ.get("COMBOS", "")
        for item in filter(None, spec.split(";")):
            how, names = item.split(":")
            combos.append((names, how, names.split(",")))
        (score if sys.argv[1] == "score" else rank)(sys.argv[2:], combos)
