#!/usr/bin/env bash
# Start-up figures of the CLI (docs/benchmarks.md, section 5): `illc --version`, `illc --help` and
# `illc validate` of a spec with an 8 kB model and with the 100 MB 20 x 500 model of
# whole-process.sh, each run `runs` times; prints min and median wall and CPU time and the peak RSS.
#
#   tools/bench/startup.sh [runs] [checkout]      (defaults: 7, this checkout)
#
# Give another checkout to compare two builds; run the two alternately, a round each, on a shared
# machine. Needs GNU time at /usr/bin/time, and python3 with numpy once to make the models (kept in
# ${ILLC_BENCH_DIR:-${TMPDIR:-/tmp}/illc-bench}).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
runs="${1:-7}"
root="${2:-$BENCH_ROOT}"
export OMP_NUM_THREADS=1

[ -x /usr/bin/time ] || { echo "startup.sh: needs GNU time at /usr/bin/time" >&2; exit 1; }
for shape in "2 20" "20 500"; do
  read -r layers width <<<"$shape"
  bench_spec "$(bench_model "$layers" "$width")" "$BENCH_WORK/validate-${layers}x${width}.json"
done
"$root/illc" --version >/dev/null # builds the CLI and its class-data archive outside the measurement

measure() { # label, command...
  local label=$1
  shift
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %U %S %M" "$@" 2>&1 >/dev/null | tail -1
  done | python3 -c "
import statistics, sys
rows = [l.split() for l in sys.stdin if l.strip()]
wall = sorted(float(r[0]) for r in rows)
cpu = sorted(float(r[1]) + float(r[2]) for r in rows)
print('%-24s wall min %.2f median %.2f | CPU min %.2f median %.2f | peak RSS %d MB'
      % ('$label', wall[0], statistics.median(wall), cpu[0], statistics.median(cpu), max(int(r[3]) for r in rows) // 1024))"
}
echo "$root, load $(cut -d ' ' -f 1-3 /proc/loadavg)"
cd "$BENCH_WORK"
measure "--version" "$root/illc" --version
measure "--help" "$root/illc" --help
measure "validate, 8 kB model" "$root/illc" validate validate-2x20.json
measure "validate, 104 MB model" "$root/illc" validate validate-20x500.json
