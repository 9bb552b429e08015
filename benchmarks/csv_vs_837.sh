#!/usr/bin/env bash
# The same claims as an 837P and as a claim-lines CSV through `authmatch validate`: generates both
# with authmatch-synth (--out and --lines-out, one seed, with their authorizations), then times
#   authmatch validate --auths AUTHS --format jsonl -o /dev/null FILE
# under /usr/bin/time -v for each file in turn, and prints wall time, CPU time and peak RSS per
# run, their medians and the ratios of the CSV's medians to the 837's.
#
# usage: benchmarks/csv_vs_837.sh [--build DIR] [--claims N] [--runs N] [--dir DIR]
#   --build DIR  build tree holding src/cli/authmatch and src/synth/authmatch-synth
#                (default build/bench)
#   --claims N   claims generated (default 200000)
#   --runs N     timed runs of each file (default 5)
#   --dir DIR    where the files go and are reused by later runs (default: a temporary folder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

build="$here/../build/bench"
claims=200000
runs=5
dir=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --claims) claims=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    *) echo "csv_vs_837.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
authmatch="$build/src/cli/authmatch"
synth="$build/src/synth/authmatch-synth"
require csv_vs_837.sh "$authmatch" "$synth" /usr/bin/time
work_dir "$dir"

x12="$work/claims-$claims.x12"
csv="$work/lines-$claims.csv"
auths="$work/auths-$claims.csv"
if [[ ! -s "$x12" || ! -s "$csv" || ! -s "$auths" ]]; then
  "$synth" --claims "$claims" --seed 1 --out "$x12" --lines-out "$csv" --auths-out "$auths" > /dev/null
fi
echo "$claims claims: 837P $(stat -c %s "$x12") bytes, claim-lines CSV $(stat -c %s "$csv") bytes"

# Alternating, so that drift in the machine's speed touches both files alike.
: > "$work/x12.runs"
: > "$work/csv.runs"
for ((i = 0; i < runs; i++)); do
  for kind in x12 csv; do
    file=$x12
    [[ $kind == csv ]] && file=$csv
    timed_validate csv_vs_837.sh --auths "$auths" --format jsonl -o /dev/null "$file"
    echo "$(wall_of "$work/time.txt") $(cpu_of "$work/time.txt") $(rss_of "$work/time.txt")" |
        tee -a "$work/$kind.runs" |
        awk -v k="$kind" '{ printf "%-4s %6.2f s wall  %6.2f s CPU  %8d KiB\n", k, $1, $2, $3 }'
  done
done
for kind in x12 csv; do
  for field in 1 2 3; do cut -d' ' -f$field "$work/$kind.runs" | median; done |
      paste -sd' ' > "$work/$kind.median"
done
read -r x12_wall x12_cpu x12_rss < "$work/x12.median"
read -r csv_wall csv_cpu csv_rss < "$work/csv.median"
echo "median 837P: $x12_wall s wall, $x12_cpu s CPU, peak RSS $x12_rss KiB"
echo "median CSV:  $csv_wall s wall, $csv_cpu s CPU, peak RSS $csv_rss KiB"
awk -v cw="$csv_wall" -v xw="$x12_wall" -v cc="$csv_cpu" -v xc="$x12_cpu" \
    'BEGIN { printf "CSV / 837P: %.2f wall time, %.2f CPU time\n", cw / xw, cc / xc }'
