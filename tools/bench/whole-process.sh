#!/usr/bin/env bash
# The whole `illc run` process against a plain numpy implementation of the same job, back to back
# (docs/benchmarks.md, "Whole process"): a seeded 20 x 500 ReLU model as weights JSON (about
# 100 MB, generated into the work folder, never committed) over the 569 breast-cancer rows, ILLC
# with Ward clustering, shrink 0.8, every global metric. Prints wall time, CPU time and peak RSS
# per phase (illc's sampled every 5 ms by sample_process.py) and per process.
#
#   tools/bench/whole-process.sh [runs] [layers] [width]      (defaults: 1 20 500)
#
# ILLC_BENCH_THREADS=N runs illc with --threads N (default: every processor).
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

# "<wall> <cpu> <peak MB>" from a GNU time -v report.
process_figures() {
  awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2}
              /Elapsed \(wall clock\)/ {n=split($2, p, ":"); w=0; for (i=1; i<=n; i++) w=w*60+p[i]}
              END {printf "%.2f %.2f %.0f\n", w, u+s, m/1024}' "$1"
}

echo "machine: $(getconf _NPROCESSORS_ONLN) vCPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(java -version 2>&1 | head -1)"
# OpenBLAS's kernels decide much of the forward pass's time (docs/benchmarks.md, fifteenth pass):
# numpy's as its OpenBLAS reports them, illc's as its provenance records them after a run.
numpy_kernels="$(OPENBLAS_VERBOSE=2 python3 -c 'import numpy; numpy.ones((2, 2)) @ numpy.ones((2, 2))' 2>&1 \
  | sed -n 's/^Core: //p' | head -1)"
echo "OPENBLAS_CORETYPE: ${OPENBLAS_CORETYPE:-unset}; numpy's OpenBLAS kernels: ${numpy_kernels:-not reported}"
for run in $(seq 1 "$runs"); do
  load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
  rm -rf "$work/illc-out" "$work/numpy-out"
  # illc's CPU time and memory are sampled every 5 ms, to tell them per phase.
  python3 "$ROOT/tools/bench/sample_process.py" "$work/illc.timeline" -- \
    "$ROOT/illc" run "$work/spec.json" --out "$work/illc-out" --quiet ${ILLC_BENCH_THREADS:+--threads "$ILLC_BENCH_THREADS"}
  /usr/bin/time -v -o "$work/numpy.time" python3 "$ROOT/tools/bench/numpy_reference.py" "$model" "$data" \
    "$work/numpy-out" >"$work/numpy.phases"
  load_after="$(cut -d ' ' -f 1-3 /proc/loadavg)"
  read -r nw nc nm <<<"$(process_figures "$work/numpy.time")"
  # illc's phases: the stage timings of its provenance, in the order they ran; writing is from the
  # first result file's time to the end of the process (JVM exit included); start-up is the rest
  # (JVM, classes, spec, and the model's reading so far: it starts once the command line is parsed,
  # and "load" is what is left of it). CPU time and peak RSS at each phase's end come from the samples.
  python3 - "$work" "$nw" "$nc" "$nm" "$run" "$load_before" "$load_after" <<'PY'
import json, os, sys
work = sys.argv[1]
nw, nc, nm = (float(v) for v in sys.argv[2:5])
run, before, after = sys.argv[5], sys.argv[6], sys.argv[7]
timeline = json.load(open(os.path.join(work, "illc.timeline")))
samples = timeline["samples"]
iw, ic, im = timeline["end"], timeline["cpu"], timeline["peakMb"]
t = json.load(open(os.path.join(work, "illc-out", "provenance.json")))["timingsSeconds"]
written = os.path.getmtime(os.path.join(work, "illc-out", "spec.json")) - timeline["startEpoch"]
illc = {
    "load": t.get("loading", 0.0),
    "forward": t.get("activations", 0.0),
    "cluster": sum(v for k, v in t.items() if k.startswith("clustering.")),
    "merge": t.get("merge", 0.0),
    "metrics": t.get("metrics", 0.0) + t.get("qbaf", 0.0) + t.get("local", 0.0),
    "write": iw - written,
}
illc["start-up"] = iw - sum(illc.values())
phases = ["start-up", "load", "forward", "cluster", "merge", "metrics", "write"]


def at(time):
    """(cpu, peak MB so far) at a time: the CPU interpolated between the samples around it."""
    previous = [0.0, 0.0, 0.0, 0.0]
    for s in samples:
        if s[0] >= time:
            share = (time - previous[0]) / (s[0] - previous[0]) if s[0] > previous[0] else 1.0
            return previous[1] + share * (s[1] - previous[1]), previous[3]
        previous = s
    return samples[-1][1], samples[-1][3]


# The ILLC loop interleaves forward, cluster and merge layer by layer; they are taken here as if
# they ran one after the other, which moves some CPU time between those three phases.
end, cpu_before = 0.0, 0.0
figures = {}
for phase in phases:
    end += illc[phase]
    cpu, peak = at(end) if phase != "write" else (ic, im)
    figures[phase] = (illc[phase], cpu - cpu_before, peak)
    cpu_before = cpu
numpy = {}
for line in open(os.path.join(work, "numpy.phases")):
    p = line.split()
    if p and p[0] == "phase":
        numpy[p[1]] = (float(p[2]), float(p[3]), float(p[4]))
kernels = json.load(open(os.path.join(work, "illc-out", "provenance.json")))["runtime"]["openblasCoreType"]
print(f"\nrun {run}: load average {before} before, {after} after; illc's OpenBLAS kernels: {kernels}")
print("| phase | illc wall [s] | illc cpu [s] | illc peak RSS [MB] | numpy wall [s] | numpy cpu [s] | numpy peak RSS [MB] |")
print("|---|---:|---:|---:|---:|---:|---:|")
for phase in phases:
    w, c, m = figures[phase]
    n = numpy.get(phase, (0.0, 0.0, 0.0))
    print(f"| {phase} | {w:.2f} | {c:.2f} | {m:.0f} | {n[0]:.2f} | {n[1]:.2f} | {n[2]:.0f} |")
print(f"\n| process | wall [s] | cpu [s] | peak RSS [MB] |")
print(f"|---|---:|---:|---:|")
print(f"| illc run | {iw:.2f} | {ic:.2f} | {im:.0f} |")
print(f"| numpy | {nw:.2f} | {nc:.2f} | {nm:.0f} |")
print(f"\nnumpy / illc: {nw / iw:.2f}x wall, {nc / ic:.2f}x cpu")
PY
done
