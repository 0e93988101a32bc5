#!/usr/bin/env bash
# Inventory benchmark: ossaudit against syft, trivy and osv-scanner, each in
# its offline package-listing mode, on every project of ../shared/corpus and
# on a generated tree of 200,000 small files that holds those projects.
# Runs alternate between tools; the table gives the median wall time and
# peak memory (from /usr/bin/time -v) over RUNS runs, the packages each tool
# listed, and the ratios to ossaudit.
#
#   bench/inventory.sh                 # RUNS=5
#   RUNS=3 TARGETS="tauri" bench/inventory.sh
#
# Environment: RUNS, WORK (scratch folder, default a new temp dir), PEERS_BIN
# (where the peers are, or are installed), CORPUS, TARGETS (corpus project
# names plus "tree"), TREE_FILES (default 200000).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
CORPUS=${CORPUS:-$repo/../shared/corpus}
WORK=${WORK:-$(mktemp -d)}
PEERS_BIN=${PEERS_BIN:-$WORK/bin}
TREE_FILES=${TREE_FILES:-200000}
mkdir -p "$PEERS_BIN" "$WORK/out" "$WORK/osv-cache"

install_peers() {
  export GOBIN=$PEERS_BIN
  [ -x "$PEERS_BIN/syft" ] || go install github.com/anchore/syft/cmd/syft@v1.57.1
  [ -x "$PEERS_BIN/trivy" ] || GOEXPERIMENT=jsonv2 go install github.com/aquasecurity/trivy/cmd/trivy@v0.74.0
  [ -x "$PEERS_BIN/osv-scanner" ] || GOTOOLCHAIN=go1.27.3 go install github.com/google/osv-scanner/v2/cmd/osv-scanner@v2.6.0
  unset GOBIN
}
echo "installing peers into $PEERS_BIN (once)…" >&2
install_peers
(cd "$repo" && go build -o "$WORK/ossaudit" ./cmd/ossaudit)

if [ -z "${TARGETS:-}" ]; then
  TARGETS="$(find "$CORPUS" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort | tr '\n' ' ')tree"
fi
if [[ " $TARGETS " == *" tree "* ]] && [ ! -d "$WORK/tree" ]; then
  (cd "$repo" && go run ./bench/gentree -out "$WORK/tree" -corpus "$CORPUS" -files "$TREE_FILES") >&2
fi

export SYFT_CHECK_FOR_APP_UPDATE=false TRIVY_NO_PROGRESS=true
# command TOOL TARGET OUT: sets cmd to one offline package listing.
command() {
  local tool=$1 target=$2 out=$3
  case $tool in
    ossaudit) cmd=("$WORK/ossaudit" scan "$target" --format cyclonedx-json -o "$out" --no-progress --no-vulns) ;;
    syft) cmd=("$PEERS_BIN/syft" scan "dir:$target" -o "cyclonedx-json=$out" -q) ;;
    # --scanners "": list packages only (no vulnerability database needed)
    trivy) cmd=("$PEERS_BIN/trivy" fs --quiet --offline-scan --skip-java-db-update --skip-check-update
             --scanners "" --cache-dir "$WORK/trivy-cache" --format cyclonedx --output "$out" "$target") ;;
    # without its vulnerability matcher, osv-scanner only lists packages
    osv-scanner) cmd=(env OSV_SCALIBR_LOCAL_DB_CACHE_DIRECTORY="$WORK/osv-cache" "$PEERS_BIN/osv-scanner" scan source
             --offline --no-resolve --allow-no-lockfiles --no-call-analysis=all
             --experimental-disable-plugins vulnmatch/osvlocal --format json --all-packages --output-file "$out" -r "$target") ;;
  esac
}
# count TOOL OUT: packages listed.
count() {
  case $1 in
    osv-scanner) jq '[.results[]?.packages[]?] | length' "$2" ;;
    *) jq '[.components[]? | select(.type != "file" and .type != "application" and .type != "operating-system")] | length' "$2" ;;
  esac
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

tools="ossaudit syft trivy osv-scanner"
printf "%-14s %-12s %9s %10s %10s %9s %9s\n" target tool packages "median_s" "peak_MiB" "time_x" "mem_x"
for target in $TARGETS; do
  dir=$CORPUS/$target
  [ "$target" = tree ] && dir=$WORK/tree
  for tool in $tools; do : > "$WORK/out/$target.$tool.times"; done
  for ((i = 0; i < RUNS; i++)); do
    for tool in $tools; do
      command "$tool" "$dir" "$WORK/out/$target.$tool.json"
      start=$(date +%s%N)
      if /usr/bin/time -v -o "$WORK/out/time.txt" "${cmd[@]}" >/dev/null 2>"$WORK/out/$target.$tool.err"; then
        # /usr/bin/time rounds to 10 ms; the clock around it does not
        wall=$(echo "($(date +%s%N) - $start) / 1000000000" | bc -l)
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/out/time.txt")
        echo "$wall $rss" >> "$WORK/out/$target.$tool.times"
      else
        echo "FAILED" >> "$WORK/out/$target.$tool.times"
      fi
    done
  done
  ref_t=$(grep -v FAILED "$WORK/out/$target.ossaudit.times" | awk '{print $1}' | median)
  ref_m=$(grep -v FAILED "$WORK/out/$target.ossaudit.times" | awk '{print $2}' | median)
  for tool in $tools; do
    if grep -q FAILED "$WORK/out/$target.$tool.times"; then
      printf "%-14s %-12s %9s (failed: see %s)\n" "$target" "$tool" - "$WORK/out/$target.$tool.err"
      continue
    fi
    t=$(awk '{print $1}' "$WORK/out/$target.$tool.times" | median)
    m=$(awk '{print $2}' "$WORK/out/$target.$tool.times" | median)
    n=$(count "$tool" "$WORK/out/$target.$tool.json" 2>/dev/null || echo "?")
    printf "%-14s %-12s %9s %10.3f %10.1f %9.1f %9.1f\n" "$target" "$tool" "$n" "$t" "$(echo "$m/1024" | bc -l)" \
      "$(echo "$t/$ref_t" | bc -l)" "$(echo "$m/$ref_m" | bc -l)"
  done
done
echo "(time_x and mem_x: the tool's median divided by ossaudit's; outputs in $WORK/out)"
