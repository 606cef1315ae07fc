# Shared by the benchmark scripts (source it): the work folder, the seeded models and the spec.
# The models are made once per shape with numpy_reference.py and kept in the work folder.

BENCH_ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_WORK="${ILLC_BENCH_DIR:-${TMPDIR:-/tmp}/illc-bench}"
BENCH_DATA="$BENCH_ROOT/illc-core/src/main/resources/io/illc/core/data/breast_cancer.csv"

# bench_model LAYERS WIDTH: prints the path of the seeded LAYERS x WIDTH ReLU weights JSON model,
# making it first when it is missing.
bench_model() {
  local model="$BENCH_WORK/model-$1x$2.json"
  mkdir -p "$BENCH_WORK"
  if [ ! -f "$model" ]; then
    echo "making $model ..." >&2
    python3 "$BENCH_ROOT/tools/bench/numpy_reference.py" --make-model "$model" "$BENCH_DATA" --layers "$1" --width "$2"
  fi
  echo "$model"
}

# bench_spec MODEL SPEC: writes the benchmarks' spec (breast cancer, ILLC, Ward, shrink 0.8, every
# row, no renderers) for MODEL, which must be in the work folder, to SPEC.
bench_spec() {
  cat >"$2" <<SPEC
{"specVersion": 1, "seed": 0,
 "data": {"builtin": "breast-cancer"},
 "model": {"load": "$(basename "$1")", "format": "weights-json"},
 "compression": {"method": "illc", "shrink": 0.8,
                 "clustering": {"name": "agglomerative", "params": {"linkage": "ward"}}, "rows": "all"},
 "renderers": []}
SPEC
}
