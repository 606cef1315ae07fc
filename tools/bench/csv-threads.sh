#!/usr/bin/env bash
# A large CSV through `illc run` on several thread counts, held in memory and streamed (docs/benchmarks.md,
# twenty-first pass): a seeded synthetic file (`illc data synth`, 30 features, 2 classes), a model
# trained on 5 000 rows of the same kind (one hidden layer of 20 ReLU), ILLC with shrink 0.5 and
# every global metric, no renderers. Prints a table of wall time, CPU time (user + sys, all
# threads) and peak RSS per run, with the loading phase and the passes from provenance.json, and
# checks that every thread count writes the same files as the first (provenance.json's timings,
# thread count and paths aside).
#
#   tools/bench/csv-threads.sh [rows] [threads ...]      (defaults: 1000000, then 1 2 and nproc)
#
# Needs GNU time (/usr/bin/time) and python3 (to read provenance.json); the data and the model are
# made once per row count in ${ILLC_BENCH_DIR:-${TMPDIR:-/tmp}/illc-bench}/csv and kept there.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ROOT="$BENCH_ROOT"
rows="${1:-1000000}"
shift || true
threads=("$@")
[ "${#threads[@]}" -gt 0 ] || threads=(1 2 "$(nproc)")
work="$BENCH_WORK/csv"
mkdir -p "$work"
export OMP_NUM_THREADS=1

[ -x /usr/bin/time ] || { echo "csv-threads.sh: needs GNU time at /usr/bin/time" >&2; exit 1; }
data="$work/rows-$rows.csv"
[ -f "$data" ] || "$ROOT/illc" data synth --rows "$rows" --seed 1 --out "$data" --quiet
[ -f "$work/train.csv" ] || "$ROOT/illc" data synth --rows 5000 --seed 2 --out "$work/train.csv" --quiet
[ -f "$work/model.json" ] || "$ROOT/illc" train "$work/train.csv" --hidden 20 --epochs 10 --seed 1 \
  --out "$work/model.json" --quiet
for mode in memory stream; do
  cat >"$work/spec-$mode.json" <<SPEC
{"specVersion": 1, "data": {"csv": "$(basename "$data")", "label": "label"}, "model": {"load": "model.json"},
 "compression": {"method": "illc", "shrink": 0.5}, "renderers": [], "execution": {"data": "$mode"}}
SPEC
done

echo "machine: $(getconf _NPROCESSORS_ONLN) vCPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo "data: $rows rows, $(($(stat -c %s "$data") / 1000000)) MB"
echo "| data | threads | wall [s] | CPU [s] | peak RSS [MB] | loading [s] | activations [s] | metrics [s] | same files as the first |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
for mode in memory stream; do
  for t in "${threads[@]}"; do
    out="$work/out-$mode-$t"
    rm -rf "$out"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$ROOT/illc" run "$work/spec-$mode.json" --threads "$t" \
      --out "$out" --quiet
    same="-"
    if [ "$t" != "${threads[0]}" ]; then
      # Every file but provenance.json byte for byte; provenance.json without its timings and threads.
      same=yes
      for f in "$out"/*; do
        name="$(basename "$f")"
        [ "$name" = provenance.json ] || cmp -s "$f" "$work/out-$mode-${threads[0]}/$name" || same="no: $name"
      done
      python3 - "$out/provenance.json" "$work/out-$mode-${threads[0]}/provenance.json" <<'PY' || same="no: provenance.json"
import json, sys
def strip(path):
    p = json.load(open(path))
    for key in ("timingsSeconds", "threads", "paths"):
        p.pop(key, None)
    return p
sys.exit(0 if strip(sys.argv[1]) == strip(sys.argv[2]) else 1)
PY
    fi
    read -r wall user sys rss <"$work/time"
    python3 - "$out/provenance.json" "$mode" "$t" "$wall" "$user" "$sys" "$rss" "$same" <<'PY'
import json, sys
path, mode, t, wall, user, sys_, rss, same = sys.argv[1:]
timings = json.load(open(path)).get("timingsSeconds", {})
phase = lambda name: "%.2f" % timings[name] if name in timings else "-"
print("| %s | %s | %.2f | %.2f | %d | %s | %s | %s | %s |" % (mode, t, float(wall), float(user) + float(sys_),
      int(rss) // 1024, phase("loading"), phase("activations"), phase("metrics"), same))
PY
  done
done
