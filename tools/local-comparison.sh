#!/usr/bin/env bash
# The SpArX-style local comparison of docs/local.md: SpArX local (method global) against ILLC local
# (method illc) against the LIME baseline, on breast cancer and iris, two shrinks, five rows each, in
# three settings:
#   wide-refit     the default: LIME's width 0.75·√m with the refit aggregation;
#   lime-width     SpArX's published local setting: LIME's width with the paper's local merge;
#   definition-10  the paper's Definition 10 exactly: width 0.1·√m with the local merge.
#
#   tools/local-comparison.sh [OUT]      (default OUT: illc-out/local-comparison)
#
# A run whose folder already holds local/summary.csv is not run again (delete OUT to start afresh).
# Writes OUT/<dataset>-<shrink>-<preset>-<method>/ (a run folder each) and prints one Markdown table
# row per (dataset, shrink, preset): the mean over the rows of local io- and structural
# unfaithfulness for each method, LIME's io-unfaithfulness and the mean effective neighbourhood size.
# Every run is seeded; the same command prints the same table.
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-illc-out/local-comparison}"
mkdir -p "$OUT"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

model() {
  case "$1" in
    breast-cancer) echo '{"train": {"hidden": [64, 64, 64], "epochs": 60}}' ;;
    iris) echo '{"train": {"hidden": [16, 12], "epochs": 200, "batchSize": 16, "learningRate": 0.01, "output": "softmax"}}' ;;
  esac
}
rows() {
  case "$1" in
    breast-cancer) echo '[0, 100, 200, 300, 400]' ;;
    iris) echo '[0, 50, 100, 120, 140]' ;;
  esac
}

# The mean of the named column of a summary.csv (no field of these files is quoted).
mean() {
  awk -F, -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
                     { s += $k; n++ } END { printf "%.3g", s / n }' "$1"
}

echo "| data | shrink | setting | eff. size | SpArX io | SpArX struct | ILLC io | ILLC struct | LIME io |"
echo "|---|---|---|---|---|---|---|---|---|"
for data in breast-cancer iris; do
  for shrink in 0.5 0.8; do
    for setting in wide-refit lime-width definition-10; do
      case "$setting" in
        wide-refit) local_settings='"preset": "wide-refit"' ;;
        definition-10) local_settings='"preset": "definition-10"' ;;
        lime-width)
          m=$([ "$data" = iris ] && echo 4 || echo 30)
          local_settings="\"preset\": \"definition-10\", \"kernel\": {\"width\": $(awk -v m="$m" 'BEGIN { printf "%.17g", 0.75 * sqrt(m) }')}" ;;
      esac
      for method in global illc; do
        name="$data-$shrink-$setting-$method"
        if [ -f "$OUT/$name/local/summary.csv" ]; then
          continue
        fi
        cat >"$OUT/$name.json" <<EOF
{
  "specVersion": 1,
  "seed": 0,
  "data": {"builtin": "$data"},
  "model": $(model "$data"),
  "compression": {"method": "$method", "shrink": $shrink, "clustering": {"name": "agglomerative"}},
  "local": {"instances": $(rows "$data"), $local_settings, "baseline": "lime"},
  "renderers": [{"name": "json"}]
}
EOF
        "$ROOT/illc" run --quiet --force --threads 1 "$OUT/$name.json" --out "$OUT/$name"
      done
      g="$OUT/$data-$shrink-$setting-global/local/summary.csv"
      i="$OUT/$data-$shrink-$setting-illc/local/summary.csv"
      echo "| $data | $shrink | $setting | $(mean "$g" effective-size)" \
        "| $(mean "$g" local-io-unfaithfulness) | $(mean "$g" local-structural-unfaithfulness)" \
        "| $(mean "$i" local-io-unfaithfulness) | $(mean "$i" local-structural-unfaithfulness)" \
        "| $(mean "$g" lime-io-unfaithfulness) |"
    done
  done
done
