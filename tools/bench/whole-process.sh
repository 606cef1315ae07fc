#!/usr/bin/env bash
# The whole `illc run` process against a plain numpy implementation of the same job, back to back
# (docs/benchmarks.md, "Whole process"): a seeded 20 x 500 ReLU model as weights JSON (about
# 100 MB, generated into the work folder, never committed) over the 569 breast-cancer rows, ILLC
# with Ward clustering, shrink 0.8, every global metric. Prints wall time per phase, and wall time,
# CPU time and peak RSS per process.
#
#   tools/bench/whole-process.sh [runs] [layers] [width]      (defaults: 1 20 500)
#
# Needs python3 with numpy (pip install numpy) and GNU time (/usr/bin/time); neither is needed by
# the build. The work folder is ${ILLC_BENCH_DIR:-${TMPDIR:-/tmp}/illc-bench}; the model is made
# once per shape and kept there. Both processes run with one BLAS thread.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ROOT="$BENCH_ROOT"
runs="${1:-1}"
layers="${2:-20}"
width="${3:-500}"
work="$BENCH_WORK"
data="$BENCH_DATA"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

[ -x /usr/bin/time ] || { echo "whole-process.sh: needs GNU time at /usr/bin/time" >&2; exit 1; }
python3 -c 'import numpy' 2>/dev/null || { echo "whole-process.sh: needs numpy (pip install numpy)" >&2; exit 1; }
model="$(bench_model "$layers" "$width")"
bench_spec "$model" "$work/spec.json"
# Builds the CLI and its class-data archive when they are missing, outside the measurement.
"$ROOT/illc" --version >/dev/null

now() { date +%s.%N; }
# "<wall> <cpu> <peak MB>" from a GNU time -v report.
process_figures() {
  awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2}
              /Elapsed \(wall clock\)/ {n=split($2, p, ":"); w=0; for (i=1; i<=n; i++) w=w*60+p[i]}
              END {printf "%.2f %.2f %.0f\n", w, u+s, m/1024}' "$1"
}

echo "machine: $(getconf _NPROCESSORS_ONLN) vCPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(java -version 2>&1 | head -1)"
for run in $(seq 1 "$runs"); do
  load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
  rm -rf "$work/illc-out" "$work/numpy-out"
  start="$(now)"
  /usr/bin/time -v -o "$work/illc.time" "$ROOT/illc" run "$work/spec.json" --out "$work/illc-out" --quiet
  end="$(now)"
  /usr/bin/time -v -o "$work/numpy.time" python3 "$ROOT/tools/bench/numpy_reference.py" "$model" "$data" \
    "$work/numpy-out" >"$work/numpy.phases"
  load_after="$(cut -d ' ' -f 1-3 /proc/loadavg)"
  read -r iw ic im <<<"$(process_figures "$work/illc.time")"
  read -r nw nc nm <<<"$(process_figures "$work/numpy.time")"
  # illc's phases: the stage timings of its provenance; writing is from the first result file's
  # time to the end of the process (JVM exit included); start-up is the rest (JVM, classes, spec).
  python3 - "$work" "$start" "$end" "$iw" "$ic" "$im" "$nw" "$nc" "$nm" "$run" "$load_before" "$load_after" <<'PY'
import json, os, sys
work, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
iw, ic, im, nw, nc, nm = (float(v) for v in sys.argv[4:10])
run, before, after = sys.argv[10], sys.argv[11], sys.argv[12]
t = json.load(open(os.path.join(work, "illc-out", "provenance.json")))["timingsSeconds"]
written = os.path.getmtime(os.path.join(work, "illc-out", "spec.json"))
illc = {
    "load": t.get("loading", 0.0),
    "forward": t.get("activations", 0.0),
    "cluster": sum(v for k, v in t.items() if k.startswith("clustering.")),
    "merge": t.get("merge", 0.0),
    "metrics": t.get("metrics", 0.0) + t.get("qbaf", 0.0) + t.get("local", 0.0),
    "write": end - written,
}
illc["start-up"] = (end - start) - sum(illc.values())
numpy = {}
for line in open(os.path.join(work, "numpy.phases")):
    p = line.split()
    if p and p[0] == "phase":
        numpy[p[1]] = (float(p[2]), float(p[3]), float(p[4]))
print(f"\nrun {run}: load average {before} before, {after} after")
print(f"| phase | illc wall [s] | numpy wall [s] | numpy cpu [s] |")
print(f"|---|---:|---:|---:|")
for phase in ["start-up", "load", "forward", "cluster", "merge", "metrics", "write"]:
    n = numpy.get(phase)
    print(f"| {phase} | {illc[phase]:.2f} | {n[0] if n else 0:.2f} | {n[1] if n else 0:.2f} |")
print(f"\n| process | wall [s] | cpu [s] | peak RSS [MB] |")
print(f"|---|---:|---:|---:|")
print(f"| illc run | {iw:.2f} | {ic:.2f} | {im:.0f} |")
print(f"| numpy | {nw:.2f} | {nc:.2f} | {nm:.0f} |")
print(f"\nnumpy / illc: {nw / iw:.2f}x wall, {nc / ic:.2f}x cpu")
PY
done
