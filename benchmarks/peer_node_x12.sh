#!/usr/bin/env bash
# authmatch against a peer on the same file: node-x12 (npm, installed into a temporary folder)
# parsing a generated 837P, against `authmatch validate --threads 1` reading and validating it
# (one thread, as node-x12 parses on one). Each side runs N times; prints the medians (wall
# time, MB/s, peak RSS) and the ratio of wall times.
#
# usage: benchmarks/peer_node_x12.sh [--build DIR] [--claims N] [--problem-share P] [--runs N]
#                                    [--keep DIR]
#   --build DIR   build tree holding src/cli/authmatch and src/synth/authmatch-synth
#                 (default build/bench)
#   --claims N    claims in the 837P (default 200000, about 97 MB)
#   --problem-share P
#                 a realistic batch: this share of the lines with a problem (authmatch-synth
#                 --problem-share; default: the generator's dense mix)
#   --runs N      runs of each side (default 3)
#   --keep DIR    work in DIR and keep it (default: a temporary folder, removed at exit)
# Needs node and npm (Node 20) and network access to the npm registry.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

build="$here/../build/bench"
claims=200000
share=""
runs=3
work=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --claims) claims=$2; shift 2 ;;
    --problem-share) share=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep) work=$2; shift 2 ;;
    *) echo "peer_node_x12.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
authmatch="$build/src/cli/authmatch"
synth="$build/src/synth/authmatch-synth"
require peer_node_x12.sh "$authmatch" "$synth" node npm /usr/bin/time
work_dir "$work"
batch="peer-$claims${share:+-share-$share}"
x12="$work/$batch.837p"
auths="$work/$batch-auths.csv"
if [[ ! -s "$x12" || ! -s "$auths" ]]; then
  "$synth" --kind 837P --claims "$claims" --seed 1 ${share:+--problem-share "$share"} \
           --out "$x12" --auths-out "$auths"
fi
size=$(stat -c %s "$x12")

if [[ ! -d "$work/node/node_modules/node-x12" ]]; then
  mkdir -p "$work/node"
  (cd "$work/node" && npm install --silent --no-audit --no-fund --no-save node-x12@1.7.1 > /dev/null)
fi
cat > "$work/node/parse.js" <<'JS'
// Parses one X12 file with node-x12 and prints how many segments and transactions it holds.
const fs = require('fs');
const { X12Parser } = require('node-x12');
const edi = fs.readFileSync(process.argv[2], 'utf8');
const interchange = new X12Parser(true).parse(edi);
let transactions = 0, segments = 0;
for (const group of interchange.functionalGroups) {
  for (const transaction of group.transactions) {
    transactions += 1;
    segments += transaction.segments.length;
  }
}
console.log(`node-x12: ${transactions} transactions, ${segments} segments`);
JS

# run SIDE ALLOWED_STATUS COMMAND...: times one run, appends wall time and peak RSS to SIDE's lists.
run() {
  local side=$1 allowed=$2 status=0
  shift 2
  /usr/bin/time -v -o "$work/time.txt" "$@" > "$work/$side.out" 2> "$work/$side.err" || status=$?
  if [[ $status -gt $allowed ]]; then
    echo "peer_node_x12.sh: $side failed with status $status:" >&2
    tail -5 "$work/$side.err" >&2
    exit 1
  fi
  wall_of "$work/time.txt" >> "$work/$side.wall"
  rss_of "$work/time.txt" >> "$work/$side.rss"
  awk -v s="$side" -v w="$(wall_of "$work/time.txt")" -v r="$(rss_of "$work/time.txt")" \
    'BEGIN { printf "%-9s %.2f s, peak RSS %.0f MB\n", s, w, r / 1024 }'
}

rm -f "$work"/*.wall "$work"/*.rss
for ((i = 1; i <= runs; i++)); do
  # node's default heap limit is too small for whole-file parsing of a large 837.
  run node-x12 0 node --max-old-space-size=16384 "$work/node/parse.js" "$x12"
  # authmatch exits 1 when it reports findings, which the generated claims have on purpose.
  run authmatch 1 "$authmatch" validate --threads 1 --auths "$auths" "$x12"
done
head -1 "$work/node-x12.out"

node_wall=$(median < "$work/node-x12.wall")
ours_wall=$(median < "$work/authmatch.wall")
node_rss=$(median < "$work/node-x12.rss")
ours_rss=$(median < "$work/authmatch.rss")
awk -v size="$size" -v claims="$claims" -v runs="$runs" -v nw="$node_wall" -v ow="$ours_wall" \
    -v nr="$node_rss" -v orss="$ours_rss" 'BEGIN {
  printf "837P: %d claims, %.1f MB; medians of %d runs\n", claims, size / 1e6, runs
  printf "node-x12 1.7.1 parse:       %7.2f s %8.1f MB/s  peak RSS %6.0f MB\n", nw, size / 1e6 / nw, nr / 1024
  printf "authmatch validate:         %7.2f s %8.1f MB/s  peak RSS %6.0f MB\n", ow, size / 1e6 / ow, orss / 1024
  printf "ratio (node-x12 / authmatch wall time): %.0fx\n", nw / ow
}'
