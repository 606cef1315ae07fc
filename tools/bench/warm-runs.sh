#!/usr/bin/env bash
# The floor of the whole process (docs/benchmarks.md, twenty-second pass): the `illc run` of
# whole-process.sh repeated in one JVM, with the launcher's collector, young-generation size and
# huge pages. The first run pays the JVM's start, class loading, the JIT's warm-up and OpenBLAS's
# load, as every `illc run` does; the later ones only the work. Prints wall and CPU time per run
# and the median of the later half.
#
#   tools/bench/warm-runs.sh [runs] [layers] [width]      (defaults: 8 20 500)
#
# Needs python3 with numpy once to make the model (kept in ${ILLC_BENCH_DIR:-${TMPDIR:-/tmp}/illc-bench}).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ROOT="$BENCH_ROOT"
runs="${1:-8}"
model="$(bench_model "${2:-20}" "${3:-500}")"
bench_spec "$model" "$BENCH_WORK/spec.json"
"$ROOT/illc" --version >/dev/null # builds the CLI when its sources changed
export OMP_NUM_THREADS=1
# The kernels the launcher gives OpenBLAS when OPENBLAS_CORETYPE is unset (see ./illc).
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ "$(grep -m1 '^flags' /proc/cpuinfo | grep -owE 'avx512(f|dq|cd|bw|vl)' | sort -u | wc -l)" = 5 ]; then
  export OPENBLAS_CORETYPE=SkylakeX
fi

# The launcher's class path, in its order.
CP="$ROOT/illc-cli/target/illc-cli.jar$(LC_ALL=C; for jar in "$ROOT"/illc-cli/target/lib/*.jar; do printf ':%s' "$jar"; done)"
options=(-XX:+UseParallelGC -XX:MaxNewSize=128m -Xlog:gc+ergo=off)
if grep -qF '[madvise]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
  options+=(-XX:+UseTransparentHugePages)
fi
echo "machine: $(getconf _NPROCESSORS_ONLN) vCPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d ' ' -f 1-3 /proc/loadavg), OPENBLAS_CORETYPE ${OPENBLAS_CORETYPE:-unset}"
java "${options[@]}" -Dorg.bytedeco.javacpp.cachedir="${XDG_CACHE_HOME:-$HOME/.cache}/illc/javacpp" -cp "$CP" \
  "$ROOT/tools/bench/WarmRuns.java" "$runs" "$BENCH_WORK/spec.json" "$BENCH_WORK/warm-out"
