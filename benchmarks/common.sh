# Helpers shared by the benchmark scripts (sourced, not run).

# The median of numbers, one a line on standard input.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Wall seconds, peak RSS (KiB) and CPU seconds from a `/usr/bin/time -v -o FILE` report.
wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + p[j]; print s }' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
cpu_of() { awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$1"; }

# require NAME TOOL...: exits with status 2 when a tool is missing.
require() {
  local name=$1
  shift
  for tool in "$@"; do
    command -v "$tool" > /dev/null || { echo "$name: $tool not found (build first, see benchmarks/README.md)" >&2; exit 2; }
  done
}

# timed_validate NAME ARG...: `authmatch validate ARG...` (the script's $authmatch) with stdout in
# /dev/null under /usr/bin/time -v (report in $work/time.txt); exits when authmatch fails. Status
# 1 is expected: the generator plants problems on purpose.
timed_validate() {
  local name=$1 status=0
  shift
  /usr/bin/time -v -o "$work/time.txt" "$authmatch" validate "$@" > /dev/null \
    2> "$work/stderr.txt" || status=$?
  if [[ $status -gt 1 ]]; then
    echo "$name: authmatch validate failed with status $status:" >&2
    cat "$work/stderr.txt" >&2
    exit 1
  fi
}

# work_dir DIR: DIR, created; or, when DIR is empty, a temporary folder removed at exit.
# Sets `work`.
work_dir() {
  if [[ -z "$1" ]]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
  else
    work=$1
    mkdir -p "$work"
  fi
}
