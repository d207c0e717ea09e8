#!/usr/bin/env bash
# Reproduces the speed and memory figures of the README on a fresh machine.
#
#   bash scripts/bench.sh            # 10, 100 and 1000 MB, plus the stage benchmarks
#   SIZES="10 100" bash scripts/bench.sh
#
# The corpus is the seed reports (../shared/corpus/seeds, or the demo
# reports when absent) replicated to each size; the rule file is
# rules/seeds.rules. Each size is checked once to warm the page cache, then
# timed. `rg -c -F -f ALIASES` (every alias and trigger of the rule file)
# over the same files is the floor: reading the bytes and finding the
# vocabulary in them.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-10 100 1000}"
WORK="${WORK:-${TMPDIR:-/tmp}/factlint-bench}"
SEEDS=../shared/corpus/seeds
[ -d "$SEEDS" ] || SEEDS=rules/demo

if ! command -v rg >/dev/null 2>&1; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep >/dev/null
fi
[ -x /usr/bin/time ] || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

cargo build --release --locked --quiet
cargo build --release --locked --quiet --example gen_corpus
BIN=target/release/factlint
GEN=target/release/examples/gen_corpus

mkdir -p "$WORK"
# Every alias and trigger of the rule file, one per line (not the title).
grep -v '^rules ' rules/seeds.rules | grep -o '"[^"]*"' | tr -d '"' | sort -u > "$WORK/aliases.txt"

echo "| size | reports | factlint check | MB/s | peak memory | rg -c -F -f ALIASES | ratio |"
echo "|-----:|--------:|---------------:|-----:|------------:|--------------------:|------:|"
for mb in $SIZES; do
  dir="$WORK/rep$mb"
  if [ ! -d "$dir" ]; then
    "$GEN" replicate "$SEEDS" "$dir" --mb "$mb" 2>/dev/null
  fi
  files=$(find "$dir" -name '*.txt' | wc -l)
  bytes=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
  "$BIN" check --isolated -r rules/seeds.rules "$dir" -o /dev/null || true   # warm the cache
  /usr/bin/time -v "$BIN" check --isolated -r rules/seeds.rules "$dir" -o /dev/null 2> "$WORK/time.txt" || true
  secs=$(grep 'Elapsed (wall clock)' "$WORK/time.txt" | awk -F': ' '{print $2}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident' "$WORK/time.txt" | awk '{print $NF}')
  rg -c -F -f "$WORK/aliases.txt" "$dir" > /dev/null || true   # warm
  start=$(date +%s.%N)
  rg -c -F -f "$WORK/aliases.txt" "$dir" > /dev/null || true
  end=$(date +%s.%N)
  rgs=$(echo "$end - $start" | bc -l)
  printf '| %s MB | %s | %.2f s | %.0f | %.0f MB | %.2f s | %.1f× |\n' \
    "$mb" "$files" "$secs" "$(echo "$bytes / 1048576 / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$rgs" "$(echo "$secs / $rgs" | bc -l)"
done

if [ "${STAGES:-1}" = 1 ]; then
  echo
  echo "Stage benchmarks (divan, seed reports replicated to 1, 10 and 100 MB):"
  cargo bench --locked --bench pipeline 2>/dev/null | grep -E '^( |├|╰|│)'
fi
