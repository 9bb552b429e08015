#!/usr/bin/env bash
# End to end: generates a ~1 GB 837P with authmatch-synth, then times
#   authmatch validate --threads T --auths AUTHS FILE > /dev/null
# under /usr/bin/time -v and prints wall time, MB/s and peak RSS (median of the runs) for each
# thread count, and how much faster each is than the first.
#
# usage: benchmarks/end_to_end.sh [--build DIR] [--dir DIR] [--bytes N] [--members N]
#                                 [--runs N] [--threads "1 2"]
#   --build DIR    build tree holding src/cli/authmatch and src/synth/authmatch-synth
#                  (default build/bench)
#   --dir DIR      where to write the generated files (default: a temporary folder, removed at
#                  exit); files already generated there with the same size are reused
#   --bytes N      size of the 837 (default 1000000000)
#   --members N    members with authorizations (default 500000: about 900,000 authorization
#                  rows for the 2 million claims of 1 GB, so that most do not run out)
#   --runs N       timed runs of each thread count (default 3)
#   --threads LIST thread counts to time, in turn (default "1")
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

build="$here/../build/bench"
dir=""
bytes=1000000000
members=500000
runs=3
threads_list="1"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --bytes) bytes=$2; shift 2 ;;
    --members) members=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --threads) threads_list=$2; shift 2 ;;
    *) echo "end_to_end.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
authmatch="$build/src/cli/authmatch"
synth="$build/src/synth/authmatch-synth"
require end_to_end.sh "$authmatch" "$synth" /usr/bin/time
work_dir "$dir"

x12="$work/e2e-$bytes-$members.837p"
auths="$work/e2e-$bytes-$members-auths.csv"
if [[ ! -s "$x12" || ! -s "$auths" ]]; then
  echo "generating a $bytes-byte 837P for $members members in $work ..." >&2
  "$synth" --kind 837P --bytes "$bytes" --members "$members" --seed 1 --out "$x12" \
    --auths-out "$auths"
fi
size=$(stat -c %s "$x12")
echo "837P: $x12 ($size bytes)"

first_wall=""
for threads in $threads_list; do
  rm -f "$work/e2e.wall" "$work/e2e.rss"
  for ((i = 1; i <= runs; i++)); do
    status=0
    /usr/bin/time -v -o "$work/time.txt" "$authmatch" validate --threads "$threads" \
      --auths "$auths" "$x12" > /dev/null 2> "$work/stderr.txt" || status=$?
    # 0: clean, 1: findings (expected: the generator writes faulty claims on purpose).
    if [[ $status -gt 1 ]]; then
      echo "end_to_end.sh: authmatch validate failed with status $status:" >&2
      cat "$work/stderr.txt" >&2
      exit 1
    fi
    wall_of "$work/time.txt" >> "$work/e2e.wall"
    rss_of "$work/time.txt" >> "$work/e2e.rss"
    awk -v t="$threads" -v i="$i" -v s="$size" -v w="$(wall_of "$work/time.txt")" \
        -v r="$(rss_of "$work/time.txt")" -v c="$(cpu_of "$work/time.txt")" \
      'BEGIN { printf "--threads %d, run %d: %.2f s wall (%.2f s CPU), %.0f MB/s, peak RSS %.1f MB\n", t, i, w, c, s / 1e6 / w, r / 1024 }'
  done
  wall=$(median < "$work/e2e.wall")
  first_wall=${first_wall:-$wall}
  awk -v t="$threads" -v n="$runs" -v s="$size" -v w="$wall" -v f="$first_wall" \
      -v r="$(median < "$work/e2e.rss")" \
    'BEGIN { printf "--threads %d, median of %d: wall %.2f s, %.0f MB/s, peak RSS %.1f MB, %.2fx the first\n", t, n, w, s / 1e6 / w, r / 1024, f / w }'
done
