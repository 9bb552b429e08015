#!/usr/bin/env bash
# The morning review at scale: generates a tracker with authmatch-synth --tracker-out, keeps its
# first ROWS rows, then times
#   authmatch review --auths TRACKER --as-of 2026-07-01 --format jsonl -o /dev/null
# under /usr/bin/time -v and prints wall time and peak RSS (median of the runs), and the time of
# loading the tracker alone (validate of a claim-lines CSV with no rows).
#
# usage: benchmarks/review_tracker.sh [--build DIR] [--rows N] [--runs N]
#   --build DIR  build tree holding src/cli/authmatch and src/synth/authmatch-synth
#                (default build/bench)
#   --rows N     authorization rows reviewed (default 100000)
#   --runs N     timed runs (default 3)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

build="$here/../build/bench"
rows=100000
runs=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --rows) rows=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "review_tracker.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
authmatch="$build/src/cli/authmatch"
synth="$build/src/synth/authmatch-synth"
require review_tracker.sh "$authmatch" "$synth"
work_dir ""

# About 2.2 authorization rows a member.
"$synth" --claims 1000 --members $((rows / 2 + 1000)) --seed 3 --out "$work/claims.x12" \
    --tracker-out "$work/all.csv" 2> /dev/null
head -n $((rows + 1)) "$work/all.csv" > "$work/tracker.csv"
printf 'claim_id,line,member_id,payer_id,code,units,service_date\n' > "$work/empty.csv"

time_runs() {
  local i
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null 2>&1 || true
    echo "$(wall_of "$work/time.txt") $(rss_of "$work/time.txt")"
  done
}
review=$(time_runs "$authmatch" review --auths "$work/tracker.csv" --as-of 2026-07-01 \
    --format jsonl -o /dev/null)
load=$(time_runs "$authmatch" validate --auths "$work/tracker.csv" --format jsonl "$work/empty.csv")
items=$( ("$authmatch" review --auths "$work/tracker.csv" --as-of 2026-07-01 --format jsonl || true) | wc -l)
echo "review of $rows authorization rows ($items items): median $(cut -d' ' -f1 <<< "$review" | median) s," \
     "peak RSS $(cut -d' ' -f2 <<< "$review" | median) KiB; loading the tracker alone:" \
     "$(cut -d' ' -f1 <<< "$load" | median) s"
