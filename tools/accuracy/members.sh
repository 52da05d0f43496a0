#!/usr/bin/env bash
# The choice of the recommended ensemble's members on VALIDATION origins (docs/ACCURACY.md, "Choosing the
# ensemble's members"): every candidate member forecasts each series' last h training points from the points
# before them (tools/accuracy/pool.sh; the competition holdout is never read), then every candidate combination
# is scored and ranked by its mean ratio to theta (competition metric and MASE, tools/accuracy/pool.py). About
# 70 minutes of member fits on the 2-core development machine when shared (tourism monthly's networks are most of
# it), and about 75 more for M4 hourly's networks; a second call only scores. Run from the repository root:
#   bash tools/accuracy/members.sh            # fit what is missing, print every table
#   SCORE_ONLY=yes bash tools/accuracy/members.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=docs/accuracy/pool/validation
yearly="tourism_yearly:4:1 m1_yearly:6:1"
seasonal="tourism_quarterly:8:4 m1_quarterly:8:4 m1_monthly:18:12 tourism_monthly:24:12"
weekly="m4_weekly:13:1"
hourly="m4_hourly:48:24"
# weekly data with its yearly season (m = 52, what a weekly file with dates gets): every third M4 weekly series,
# with the networks fitted at m = 1 on the same series (copied in as lstm-m1, gru-m1) for comparison
weekly52="m4_weekly:13:52:3"
weekly1="m4_weekly:13:1:3"
nets="lstm|lstm| gru|gru| lstm1|lstm|--seed=1 gru1|gru|--seed=1"
classical="theta|theta| snaive|snaive| naive|naive| ses|ses| holt-damped|holt-damped| drift|drift| hw|hw|"
if [ "${SCORE_ONLY:-no}" != yes ]; then
  # attention forecasters on the short sets only: they cost 3 to 6 times an LSTM (tourism quarterly: 381 and 702 s)
  MEMBERS="$nets lstm-deseason|lstm-deseason| gru-deseason|gru-deseason| transformer|transformer|
    lstm-attention|lstm-attention| $classical" bash tools/accuracy/pool.sh $yearly tourism_quarterly:8:4 m1_quarterly:8:4
  MEMBERS="lstm|lstm| gru|gru| lstm1|lstm|--seed=1 lstm-deseason|lstm-deseason| gru-deseason|gru-deseason|
    $classical" bash tools/accuracy/pool.sh m1_monthly:18:12 tourism_monthly:24:12
  MEMBERS="lstm|lstm| gru|gru| theta|theta| drift|drift| holt-damped|holt-damped| naive|naive|
    lstm-all|lstm|--refit gru-all|gru|--refit" bash tools/accuracy/pool.sh $weekly
  # the refit: each network again on every window (validation part included), for the epochs early stopping
  # chose and with the window of the first fit (lstm-all, gru-all)
  MEMBERS="lstm-all|lstm|--refit gru-all|gru|--refit" bash tools/accuracy/pool.sh $yearly $seasonal
  # and settings tried for long hourly series: the GRU with a window of a week, with windows from the last 5
  # horizons only, both networks on seasonally adjusted series
  MEMBERS="lstm|lstm| gru|gru| theta|theta| hw|hw| snaive|snaive| holt-damped|holt-damped| drift|drift|
    gru-w168|gru|--window=168 gru-r5|gru|--recent-horizons=5 gru-deseason|gru-deseason| lstm-deseason|lstm-deseason|" \
    bash tools/accuracy/pool.sh $hourly
  # a third hourly round: a second seed of each adjusted network (more members of the kind that led)
  MEMBERS="lstm-deseason1|lstm-deseason|--seed=1 gru-deseason1|gru-deseason|--seed=1" bash tools/accuracy/pool.sh $hourly
  # the MASE-like loss scale for the refitted yearly networks
  MEMBERS="lstm-all-mase|lstm|--refit+--loss-scale=snaive gru-all-mase|gru|--refit+--loss-scale=snaive" \
    bash tools/accuracy/pool.sh $yearly
  MEMBERS="snaive|snaive| theta|theta| holt-damped|holt-damped| drift|drift| lstm|lstm| gru|gru|
    lstm-deseason|lstm-deseason| gru-deseason|gru-deseason| lstm-deseason1|lstm-deseason|--seed=1
    gru-deseason1|gru-deseason|--seed=1" bash tools/accuracy/pool.sh $weekly52
  MEMBERS="theta|theta| holt-damped|holt-damped| lstm|lstm| gru|gru|" bash tools/accuracy/pool.sh $weekly1
  for n in lstm gru; do cp "$dir/m4_weekly_m1_1in3/$n.csv" "$dir/m4_weekly_m52_1in3/$n-m1.csv"; done
fi
dirs() { for s in "$@"; do IFS=: read -r stem _ m k <<< "$s"; echo "$dir/$stem${k:+_m${m}_1in$k}"; done; }
# non-seasonal data (m = 1): the members before this choice first
COMBOS="median:lstm,gru,theta,holt-damped,naive;median:lstm,gru,theta,drift,holt-damped;median:lstm,gru,theta,drift,naive;\
median:lstm,gru,theta,drift,ses;mean:lstm,gru,theta,drift;median:lstm,gru,lstm1,gru1,theta,holt-damped,naive;\
median:lstm,gru,lstm1,gru1,theta,drift,holt-damped,naive,ses;median:lstm,gru,transformer,theta,drift,holt-damped,naive;\
median:lstm,gru,theta;mean:lstm,gru,theta;median:lstm1,gru1,theta,holt-damped,naive;\
median:lstm1,gru1,theta,drift,holt-damped" python3 tools/accuracy/pool.py rank $(dirs $yearly)
# seasonal data
COMBOS="median:lstm,gru,theta,hw,snaive;median:lstm,gru,lstm-deseason,gru-deseason,theta,hw,snaive;\
median:lstm-deseason,gru-deseason,theta,hw,snaive;median:lstm,gru,lstm1,theta,hw,snaive;mean:lstm,gru,theta,hw;\
mean:lstm,gru,theta;median:lstm,gru,theta,drift,hw" python3 tools/accuracy/pool.py rank $(dirs $seasonal)
# M4 weekly, scored with m = 1 as M4 scores it: the non-seasonal choice on long series
COMBOS="median:lstm,gru,theta,holt-damped,naive;median:lstm,gru,theta,drift,holt-damped;mean:lstm,gru;\
median:lstm,gru,holt-damped;median:lstm,gru,theta;mean:lstm,gru,holt-damped;mean:lstm,gru,theta" \
  python3 tools/accuracy/pool.py rank $(dirs $weekly)
# M4 hourly (m = 24): long seasonal series, the seasonal members first
COMBOS="median:lstm,gru,theta,hw,snaive;median:lstm,gru,snaive;median:lstm,gru,hw;median:lstm,gru,theta;\
mean:lstm,gru;mean:lstm,gru,snaive;mean:lstm,gru,hw" python3 tools/accuracy/pool.py rank $(dirs $hourly)
# then, once gru-deseason had shown its MASE (fixed before lstm-deseason's score was seen): the networks on
# seasonally adjusted series as hourly members
COMBOS="median:lstm,gru,hw;median:lstm-deseason,gru-deseason,hw;median:lstm-deseason,gru-deseason,snaive;\
mean:lstm-deseason,gru-deseason;median:lstm,gru,lstm-deseason,gru-deseason,hw" \
  python3 tools/accuracy/pool.py rank $(dirs $hourly)
# third hourly round (fixed before the seed-1 networks' scores were seen): a second seed of the adjusted networks
COMBOS="median:lstm,gru,lstm-deseason,gru-deseason,hw;median:lstm,gru,lstm-deseason,gru-deseason,lstm-deseason1,gru-deseason1,hw;\
median:lstm-deseason,gru-deseason,lstm-deseason1,gru-deseason1,hw;mean:lstm-deseason,gru-deseason,lstm-deseason1,gru-deseason1;\
median:lstm,gru,lstm-deseason,gru-deseason,lstm-deseason1,gru-deseason1,snaive" \
  python3 tools/accuracy/pool.py rank $(dirs $hourly)
# yearly networks with the MASE-like loss scale (--loss-scale snaive) in the chosen members
COMBOS="median:lstm-all,gru-all,theta,drift,holt-damped;median:lstm-all-mase,gru-all-mase,theta,drift,holt-damped" \
  python3 tools/accuracy/pool.py rank $(dirs $yearly)
# weekly data with m = 52 (candidates fixed after lstm's and gru's m = 52 scores and the medians of each with
# holt-damped, theta or snaive had been seen, before any other member's): the rule for m >= 24 (hourly's
# choice), damped Holt or theta in place of the seasonal naive, and the members M4 weekly gets with m = 1
COMBOS="median:lstm,gru,lstm-deseason,gru-deseason,lstm-deseason1,gru-deseason1,snaive;median:lstm,gru,holt-damped;\
median:lstm,gru,lstm-deseason,gru-deseason,holt-damped;median:lstm,gru,lstm-deseason,gru-deseason,theta;\
median:lstm,gru,theta;median:lstm,gru,snaive;mean:lstm,gru;median:lstm-m1,gru-m1,holt-damped" \
  python3 tools/accuracy/pool.py rank $(dirs $weekly52)
# the refit trial: the chosen members with their networks refitted on every window
COMBOS="median:lstm,gru,theta,drift,holt-damped;median:lstm-all,gru-all,theta,drift,holt-damped" \
  python3 tools/accuracy/pool.py rank $(dirs $yearly)
COMBOS="median:lstm,gru,theta,hw,snaive;median:lstm-all,gru-all,theta,hw,snaive" \
  python3 tools/accuracy/pool.py rank $(dirs $seasonal)
COMBOS="median:lstm,gru,holt-damped;median:lstm-all,gru-all,holt-damped" python3 tools/accuracy/pool.py rank $(dirs $weekly)
# every member and combination, set by set
COMBOS="median:lstm,gru,theta,holt-damped,naive;median:lstm,gru,theta,drift,holt-damped;median:lstm,gru,theta,hw,snaive;\
median:lstm,gru,lstm-deseason,gru-deseason,theta,hw,snaive;median:lstm,gru,holt-damped;median:lstm,gru,hw" \
  python3 tools/accuracy/pool.py score $(dirs $yearly $seasonal $weekly $hourly $weekly52) 2>/dev/null
