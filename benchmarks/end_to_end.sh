#!/usr/bin/env bash
# End to end: generates a ~1 GB 837P with authmatch-synth, then times
#   authmatch validate --auths AUTHS FILE > /dev/null
# under /usr/bin/time -v and prints wall time, MB/s and peak RSS (median of the runs).
#
# usage: benchmarks/end_to_end.sh [--build DIR] [--dir DIR] [--bytes N] [--runs N]
#   --build DIR  build tree holding src/cli/authmatch and src/synth/authmatch-synth
#                (default build/bench)
#   --dir DIR    where to write the generated files (default: a temporary folder, removed at
#                exit); files already generated there with the same size are reused
#   --bytes N    size of the 837 (default 1000000000)
#   --runs N     timed runs (default 3)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

build="$here/../build/bench"
dir=""
bytes=1000000000
runs=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --bytes) bytes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "end_to_end.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
authmatch="$build/src/cli/authmatch"
synth="$build/src/synth/authmatch-synth"
require end_to_end.sh "$authmatch" "$synth" /usr/bin/time
work_dir "$dir"

x12="$work/e2e-$bytes.837p"
auths="$work/e2e-$bytes-auths.csv"
if [[ ! -s "$x12" || ! -s "$auths" ]]; then
  echo "generating a $bytes-byte 837P in $work ..." >&2
  "$synth" --kind 837P --bytes "$bytes" --seed 1 --out "$x12" --auths-out "$auths"
fi
size=$(stat -c %s "$x12")

rm -f "$work/e2e.wall" "$work/e2e.rss"
for ((i = 1; i <= runs; i++)); do
  status=0
  /usr/bin/time -v -o "$work/time.txt" "$authmatch" validate --auths "$auths" "$x12" \
    > /dev/null 2> "$work/stderr.txt" || status=$?
  # 0: clean, 1: findings (expected: the generator writes faulty claims on purpose).
  if [[ $status -gt 1 ]]; then
    echo "end_to_end.sh: authmatch validate failed with status $status:" >&2
    cat "$work/stderr.txt" >&2
    exit 1
  fi
  wall_of "$work/time.txt" >> "$work/e2e.wall"
  rss_of "$work/time.txt" >> "$work/e2e.rss"
  awk -v i="$i" -v s="$size" -v w="$(wall_of "$work/time.txt")" -v r="$(rss_of "$work/time.txt")" \
      -v c="$(cpu_of "$work/time.txt")" \
    'BEGIN { printf "run %d: %.2f s wall (%.2f s CPU), %.0f MB/s, peak RSS %.1f MB\n", i, w, c, s / 1e6 / w, r / 1024 }'
done

echo "837P: $x12 ($size bytes)"
awk -v n="$runs" -v s="$size" -v w="$(median < "$work/e2e.wall")" -v r="$(median < "$work/e2e.rss")" \
  'BEGIN { printf "median of %d: wall %.2f s, %.0f MB/s, peak RSS %.1f MB\n", n, w, s / 1e6 / w, r / 1024 }'
