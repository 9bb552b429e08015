#!/usr/bin/env bash
# End to end: generates two ~1 GB 837P batches with authmatch-synth, a realistic one (5% of the
# lines with a problem, --problem-share 0.05) and the dense one (the generator's default mix,
# most lines with findings), then times
#   authmatch validate --threads T --auths AUTHS FILE > /dev/null
# under /usr/bin/time -v and prints, for each batch and thread count, wall time, MB/s of input
# read, MB/s of findings written (JSON Lines), claim lines/s and peak RSS (medians of the runs),
# and how much faster each thread count is than the first. On a busy machine the CPU time is the
# steadier figure.
#
# usage: benchmarks/end_to_end.sh [--build DIR] [--dir DIR] [--bytes N] [--members N]
#                                 [--runs N] [--threads "1 2"] [--batches "realistic dense"]
#   --build DIR    build tree holding src/cli/authmatch and src/synth/authmatch-synth
#                  (default build/bench)
#   --dir DIR      where to write the generated files (default: a temporary folder, removed at
#                  exit); files already generated there with the same size are reused
#   --bytes N      size of each 837 (default 1000000000)
#   --members N    members with authorizations (default 500000: about 900,000 authorization
#                  rows for the 2 million claims of 1 GB, so that most do not run out)
#   --runs N       timed runs of each thread count (default 3)
#   --threads LIST thread counts to time, in turn (default "1")
#   --batches LIST which batches, in turn (default "realistic dense")
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

build="$here/../build/bench"
dir=""
bytes=1000000000
members=500000
runs=3
threads_list="1"
batches="realistic dense"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --bytes) bytes=$2; shift 2 ;;
    --members) members=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --threads) threads_list=$2; shift 2 ;;
    --batches) batches=$2; shift 2 ;;
    *) echo "end_to_end.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
authmatch="$build/src/cli/authmatch"
synth="$build/src/synth/authmatch-synth"
require end_to_end.sh "$authmatch" "$synth" /usr/bin/time
work_dir "$dir"

# validate THREADS AUTHS FILE: one timed run (report in $work/time.txt).
validate() { timed_validate end_to_end.sh --threads "$1" --auths "$2" "$3"; }

for batch in $batches; do
  case "$batch" in
    realistic) share=(--problem-share 0.05) ;;
    dense) share=() ;;
    *) echo "end_to_end.sh: unknown batch $batch (realistic or dense)" >&2; exit 2 ;;
  esac
  x12="$work/e2e-$batch-$bytes-$members.837p"
  auths="$work/e2e-$batch-$bytes-$members-auths.csv"
  if [[ ! -s "$x12" || ! -s "$auths" ]]; then
    echo "generating a $bytes-byte $batch 837P for $members members in $work ..." >&2
    "$synth" --kind 837P --bytes "$bytes" --members "$members" --seed 1 ${share[@]+"${share[@]}"} \
      --out "$x12" --auths-out "$auths"
  fi
  size=$(stat -L -c %s "$x12")
  # One untimed run counts what is written (bytes of JSON Lines) and the claim lines read.
  rm -f "$work/summary.json"  # not the previous batch's, should this run fail
  written=$("$authmatch" validate --auths "$auths" --summary "$work/summary.json" "$x12" \
              2> /dev/null | wc -c || true)
  lines=$(awk -F': ' '/"lines_read"/ { sub(",", "", $2); print $2 }' "$work/summary.json")
  echo "$batch 837P: $x12 ($size bytes, $lines claim lines; $written bytes of findings)"

  first_wall=""
  for threads in $threads_list; do
    rm -f "$work/e2e.wall" "$work/e2e.cpu" "$work/e2e.rss"
    for ((i = 1; i <= runs; i++)); do
      validate "$threads" "$auths" "$x12"
      wall_of "$work/time.txt" >> "$work/e2e.wall"
      cpu_of "$work/time.txt" >> "$work/e2e.cpu"
      rss_of "$work/time.txt" >> "$work/e2e.rss"
      awk -v b="$batch" -v t="$threads" -v i="$i" -v s="$size" -v o="$written" -v l="$lines" \
          -v w="$(wall_of "$work/time.txt")" -v r="$(rss_of "$work/time.txt")" \
          -v c="$(cpu_of "$work/time.txt")" \
        'BEGIN { printf "%s --threads %d, run %d: %.2f s wall (%.2f s CPU), %.0f MB/s in, %.0f MB/s out, %.0f lines/s, peak RSS %.1f MB\n", b, t, i, w, c, s / 1e6 / w, o / 1e6 / w, l / w, r / 1024 }'
    done
    wall=$(median < "$work/e2e.wall")
    first_wall=${first_wall:-$wall}
    awk -v b="$batch" -v t="$threads" -v n="$runs" -v s="$size" -v o="$written" -v l="$lines" \
        -v w="$wall" -v c="$(median < "$work/e2e.cpu")" -v f="$first_wall" \
        -v r="$(median < "$work/e2e.rss")" \
      'BEGIN { printf "%s --threads %d, median of %d: wall %.2f s (%.2f s CPU), %.0f MB/s in, %.0f MB/s out, %.0f lines/s, peak RSS %.1f MB, %.2fx the first\n", b, t, n, w, c, s / 1e6 / w, o / 1e6 / w, l / w, r / 1024, f / w }'
  done
done
