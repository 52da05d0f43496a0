#!/usr/bin/env python3
"""Markdown tables of docs/ACCURACY.md, "R's ets() and thetaf() intervals, and intervals on M1": per data set, R's
ets() and thetaf() intervals (docs/accuracy/r_intervals_<set>.txt, tools/accuracy/ets_intervals.sh) beside
Seqcast's conformal intervals of the classical methods (docs/accuracy/intervals_<set>_conformal.json,
tools/accuracy/intervals_m1.sh). Run from the repository root after both scripts:
    python3 tools/accuracy/r_intervals_table.py
"""
import json
import os

DOCS = "docs/accuracy"
GROUPS = {"tourism": ["tourism_yearly", "tourism_quarterly", "tourism_monthly"],
          "M1": ["m1_yearly", "m1_quarterly", "m1_monthly"]}
R_MODELS = {"r-ets": "R ets()", "r-thetaf": "R thetaf()"}


def r_rows(path):
    """(label, cov80, cov95, msis, width80, width95, mape, mase, verdict) of R's ets and thetaf rows."""
    rows, widths, section = {}, {}, "table"
    with open(path) as f:
        for line in f:
            if line.startswith("mean width"):
                section = "width"
            elif line.startswith("coverage per step"):
                section = "steps"
            fields = line.split()
            if not fields or fields[0] not in R_MODELS:
                continue
            if section == "table":
                rows[fields[0]] = fields
            elif section == "width":
                widths[fields[0]] = (float(fields[1]), float(fields[3]))
    out = []
    for model, label in R_MODELS.items():
        f = rows[model]
        out.append((label, float(f[8]), float(f[9]), float(f[10]), *widths[model], float(f[4]), float(f[6]),
                    f[12]))
    return out


def conformal_rows(path):
    with open(path) as f:
        result = json.load(f)
    out = []
    for m in result["models"]:
        iv = m.get("intervals")
        if iv is None:
            continue
        out.append((m["model"] + ", conformal", *iv["coverage"], iv["msis"], *iv["width"], m["mape"], m["mase"],
                    iv["verdict"]))
    return out


def main():
    for group, sets in GROUPS.items():
        print(f"{group}:\n")
        print("| subset | intervals | coverage 80% | coverage 95% | MSIS (95%) | width 80% | width 95% | MAPE | MASE"
              " | verdict |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for s in sets:
            r = os.path.join(DOCS, f"r_intervals_{s}.txt")
            c = os.path.join(DOCS, f"intervals_{s}_conformal.json")
            if not (os.path.exists(r) and os.path.exists(c)):
                continue
            for label, c80, c95, msis, w80, w95, mape, mase, verdict in r_rows(r) + conformal_rows(c):
                print(f"| {s.split('_')[1]} | {label} | {c80:.1f} | {c95:.1f} | {msis:.3f} | {w80:,.0f} | {w95:,.0f}"
                      f" | {mape:.2f} | {mase:.3f} | {verdict} |")
        print()


if __name__ == "__main__":
    main()
