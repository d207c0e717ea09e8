#!/usr/bin/env bash
# Reproduces the speed and memory figures of the README on a fresh machine,
# side by side with ripgrep.
#
#   bash scripts/bench.sh                    # every row, then the stage benchmarks
#   ROWS="files aliases" bash scripts/bench.sh
#   SIZES="10 100" ROWS=files STAGES=0 bash scripts/bench.sh
#
# Rows (ROWS, all by default):
#   files    the seed reports replicated to each of SIZES MB (100 1000), in files
#   big      BIG_MB (1000) MB in files of 100 MB each (`--max-report-size` raised)
#   formats  `--format sarif` and `json` on 100 MB in files of 100 MB
#   tiny     TINY (1000000) reports of 300 bytes each
#   events   a rule file of 1,000 events over EVENT_REPORTS (100000) reports, ~100 MB
#   aliases  a rule file of 10,000 more city aliases: parse + check, then 100 MB
#
# The corpus is the seed reports (../shared/corpus/seeds, or the demo reports
# when absent); the rule file is rules/seeds.rules (the events row writes its
# own). Every command runs once to warm the page cache, then RUNS (3) times,
# factlint and ripgrep alternating; the best wall time and the largest peak
# memory are printed, with `--isolated -j2` and the output to /dev/null.
# `rg -c -F -f ALIASES` (every alias and trigger of the rule file) over the
# same files is the floor: reading the bytes and finding the vocabulary.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${ROWS:-files big formats tiny events aliases}"
SIZES="${SIZES:-100 1000}"
BIG_MB="${BIG_MB:-1000}"
TINY="${TINY:-1000000}"
EVENT_REPORTS="${EVENT_REPORTS:-100000}"
RUNS="${RUNS:-3}"
WORK="${WORK:-${TMPDIR:-/tmp}/factlint-bench}"
SEEDS=../shared/corpus/seeds
[ -d "$SEEDS" ] || SEEDS=rules/demo

need() {
  command -v "$1" >/dev/null 2>&1 && return
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need rg ripgrep
need bc bc
[ -x /usr/bin/time ] || need /usr/bin/time time

cargo build --release --locked --quiet
cargo build --release --locked --quiet --example gen_corpus
BIN=$PWD/target/release/factlint
GEN=$PWD/target/release/examples/gen_corpus
mkdir -p "$WORK"

# Every alias and trigger of a rule file, one per line (not the title).
aliases_of() { grep -v '^rules ' "$1" | grep -o '"[^"]*"' | tr -d '"' | sort -u; }

# best RUNS CMD…: "seconds peak-MB" of the best of RUNS runs (after one warm run).
best() {
  local n=$1 t m secs=999999 peak=0
  shift
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$n"); do
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@" >/dev/null 2>&1 || true
    read -r t m < <(tail -1 "$WORK/time.txt")
    secs=$(echo "if ($t < $secs) $t else $secs" | bc -l)
    [ "$m" -gt "$peak" ] && peak=$m
  done
  echo "$secs $((peak / 1024))"
}

mb_of() { find "$1" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s/1048576}'; }
files_of() { find "$1" -name '*.txt' | wc -l; }

# row LABEL RULES DIR TARGET [factlint flags…]: one table row against rg,
# twice: `rg -c` (the floor the targets are set against; it counts lines,
# so it leaves each line at its first match) and `rg --count-matches`
# (every occurrence, as a check must find them).
row() {
  local label=$1 rules=$2 dir=$3 target=$4 f r a as
  shift 4
  aliases_of "$rules" > "$WORK/aliases.txt"
  read -r fs fm < <(best "$RUNS" "$BIN" check --isolated -j2 -r "$rules" "$dir" -o /dev/null "$@")
  LAST=$fs
  read -r rs _ < <(best "$RUNS" rg -j2 -c -F -f "$WORK/aliases.txt" "$dir")
  read -r as _ < <(best "$RUNS" rg -j2 --count-matches -F -f "$WORK/aliases.txt" "$dir")
  f=$(echo "$fs" | awk '{printf "%.2f", $1}')
  r=$(echo "$rs" | awk '{printf "%.2f", $1}')
  a=$(echo "$as" | awk '{printf "%.2f", $1}')
  printf '| %s | %s s | %s MB/s | %s MB | %s s | %s× | %s s | %s× | %s |\n' "$label" "$f" \
    "$(echo "$(mb_of "$dir") / ($fs + 0.005)" | bc -l | xargs printf '%.0f')" "$fm" "$r" \
    "$(echo "$fs / ($rs + 0.005)" | bc -l | xargs printf '%.1f')" "$a" \
    "$(echo "$fs / ($as + 0.005)" | bc -l | xargs printf '%.1f')" "$target"
}

echo "| corpus | factlint check | MB/s | peak memory | rg -c -F -f ALIASES | ratio | rg --count-matches | ratio | target |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"

for r in $ROWS; do
  case $r in
  files)
    for mb in $SIZES; do
      dir="$WORK/rep$mb"
      [ -d "$dir" ] || "$GEN" replicate "$SEEDS" "$dir" --mb "$mb" 2>/dev/null
      row "seeds replicated, $mb MB in $(files_of "$dir") files" rules/seeds.rules "$dir" "≤ 2×"
    done
    ;;
  big)
    dir="$WORK/big$BIG_MB"
    [ -d "$dir" ] || "$GEN" replicate "$SEEDS" "$dir" --mb "$BIG_MB" --file-mb 100 2>/dev/null
    row "$BIG_MB MB in $(files_of "$dir") files of 100 MB" rules/seeds.rules "$dir" "≤ 2×, < 100 MB" \
      --max-report-size 200000000
    ;;
  formats)
    dir="$WORK/big100"
    [ -d "$dir" ] || "$GEN" replicate "$SEEDS" "$dir" --mb 100 --file-mb 100 2>/dev/null
    for fmt in sarif json; do
      row "\`--format $fmt\`, 100 MB in one file" rules/seeds.rules "$dir" "≤ 3×" \
        --max-report-size 200000000 --format "$fmt"
    done
    ;;
  tiny)
    dir="$WORK/tiny$TINY"
    [ -d "$dir" ] || "$GEN" tiny "$SEEDS" "$dir" --files "$TINY" 2>/dev/null
    row "$TINY tiny files (300 bytes)" rules/seeds.rules "$dir" "< 200 MB"
    ;;
  events)
    dir="$WORK/events$EVENT_REPORTS"
    [ -d "$dir" ] || "$GEN" synthetic "$dir" --reports "$EVENT_REPORTS" --events 1000 2>/dev/null
    row "rule file of 1,000 events, $(mb_of "$dir/reports") MB" "$dir/corpus.rules" "$dir/reports" \
      "memory not × events"
    ;;
  aliases)
    rules="$WORK/aliases10k.rules"
    [ -f "$rules" ] || "$GEN" aliases rules/seeds.rules "$rules" --aliases 10000 2>/dev/null
    read -r ps pm < <(best "$RUNS" "$BIN" rules check "$rules")
    read -r cs cm < <(best "$RUNS" "$BIN" check --isolated -r "$rules" "$SEEDS" -o /dev/null)
    printf '| 10,000 aliases: `rules check` | %.2f s | | %s MB | | | | | < 0.1 s |\n' "$ps" "$pm"
    printf '| 10,000 aliases: `check` of the seed reports | %.2f s | | %s MB | | | | | < 0.1 s |\n' "$cs" "$cm"
    dir="$WORK/rep100"
    [ -d "$dir" ] || "$GEN" replicate "$SEEDS" "$dir" --mb 100 2>/dev/null
    # The two rule files over the same files, each the best of RUNS: the
    # ratio is known before the row is printed.
    read -r ss _ < <(best "$RUNS" "$BIN" check --isolated -j2 -r rules/seeds.rules "$dir" -o /dev/null)
    read -r as _ < <(best "$RUNS" "$BIN" check --isolated -j2 -r "$rules" "$dir" -o /dev/null)
    row "10,000 aliases, 100 MB in $(files_of "$dir") files" "$rules" "$dir" \
      "≤ 1.2× the seed rule file ($(printf %.2f "$ss") s): $(echo "$as / $ss" | bc -l | xargs printf '%.2f')×"
    ;;
  *)
    echo "unknown row: $r (files big formats tiny events aliases)" >&2
    exit 2
    ;;
  esac
done

if [ "${STAGES:-1}" = 1 ]; then
  echo
  echo "Stage benchmarks (divan, seed reports replicated to 1, 10 and 100 MB):"
  cargo bench --locked --bench pipeline 2>/dev/null | grep -E '^( |├|╰|│)'
fi
