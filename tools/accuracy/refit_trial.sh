#!/usr/bin/env bash
# The refit trial (docs/ACCURACY.md, "Choosing the ensemble's members"): each network of a validation pool fitted
# again on every window, its validation part included, for the epochs its early stopping chose and with the
# window it used (both read from the first fit's log), as pool members <net>-all. Needs the first fits
# (tools/accuracy/pool.sh with members lstm and gru); then pool.py scores both. Run from the repository root:
#   bash tools/accuracy/refit_trial.sh tourism_quarterly:8:4 m1_quarterly:8:4      # stem:h:m, as pool.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
for spec in "$@"; do
  IFS=: read -r stem h period <<< "$spec"
  dir=docs/accuracy/pool/${STAGE:-validation}/$stem
  members=""
  for net in ${NETS:-lstm gru}; do
    log=$dir/$net.log
    window=$(sed -n 's/.*units, window \([0-9]*\),.*/\1/p' "$log" | head -1)
    epochs=$(sed -n 's/.*best was [0-9.eE-]* at epoch \([0-9]*\).*/\1/p' "$log" | head -1)
    if [ -z "$window" ] || [ -z "$epochs" ]; then
      echo "$log: no window or best epoch (early stopping must have run); skipped" >&2
      continue
    fi
    members="$members $net-all|$net|--window=$window+--epochs=$epochs+--validation=0+--patience=0"
  done
  MEMBERS="$members" bash tools/accuracy/pool.sh "$spec"
done
