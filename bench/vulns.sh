#!/usr/bin/env bash
# Vulnerability benchmark: ossaudit against osv-scanner's offline mode, both
# fed the same osv.dev archives from ../shared/data/osv, on every project of
# ../shared/corpus. Prints, per project, the findings each tool reports
# (package, version, vulnerability after alias merging), how many agree, and
# the median wall time of RUNS alternating runs with the ratio; writes the
# disagreements to $WORK/vulns-diff-<project>.txt.
#
#   bench/vulns.sh            # RUNS=5
# Environment: RUNS, WORK, PEERS_BIN, CORPUS, OSV_DATA.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
CORPUS=${CORPUS:-$repo/../shared/corpus}
OSV_DATA=${OSV_DATA:-$repo/../shared/data/osv}
WORK=${WORK:-$(mktemp -d)}
PEERS_BIN=${PEERS_BIN:-$WORK/bin}
mkdir -p "$PEERS_BIN" "$WORK/out"
[ -x "$PEERS_BIN/osv-scanner" ] || GOBIN=$PEERS_BIN GOTOOLCHAIN=go1.27.3 go install github.com/google/osv-scanner/v2/cmd/osv-scanner@v2.6.0
(cd "$repo" && go build -o "$WORK/ossaudit" ./cmd/ossaudit)

# the same archives for both: osv-scanner's local cache layout, and an
# ossaudit database imported from them
for z in "$OSV_DATA"/*/all.zip; do
  eco=$(basename "$(dirname "$z")")
  mkdir -p "$WORK/osvcache/osv-scalibr/$eco"
  ln -sf "$z" "$WORK/osvcache/osv-scalibr/$eco/all.zip"
done
"$WORK/ossaudit" db import --replace --db "$WORK/db" "$OSV_DATA" >/dev/null

now() { date +%s%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf "%-14s %9s %9s %7s %9s %11s %10s %10s %8s\n" project ossaudit osv-scan agree only-ours only-theirs ours_s theirs_s ratio
for dir in "$CORPUS"/*/; do
  p=$(basename "$dir")
  : > "$WORK/out/$p.ours.t"; : > "$WORK/out/$p.theirs.t"
  for ((i = 0; i < RUNS; i++)); do
    s=$(now)
    "$WORK/ossaudit" scan "$dir" --db "$WORK/db" --format json -o "$WORK/out/$p.ours.json" --max-db-age 100000d --no-progress 2>/dev/null || true
    echo "($(now) - $s) / 1000000000" | bc -l >> "$WORK/out/$p.ours.t"
    s=$(now)
    OSV_SCALIBR_LOCAL_DB_CACHE_DIRECTORY="$WORK/osvcache" "$PEERS_BIN/osv-scanner" scan source --offline \
      --offline-vulnerabilities --no-call-analysis=all --format json --output-file "$WORK/out/$p.theirs.json" -r "$dir" >/dev/null 2>&1 || true
    echo "($(now) - $s) / 1000000000" | bc -l >> "$WORK/out/$p.theirs.t"
  done
  counts=$(python3 - "$WORK/out/$p.ours.json" "$WORK/out/$p.theirs.json" "$WORK/vulns-diff-$p.txt" <<'PY'
import json, sys
ours, theirs, diffpath = sys.argv[1:4]
def norm(eco, name, version):
    name = name.lower()
    if eco == "PyPI":
        import re
        name = re.sub(r"[-_.]+", "-", name)
    return (eco, name, version.lstrip("v") if eco in ("Go", "Packagist") else version)
def ours_set():
    d = json.load(open(ours)); pk = {p["id"]: p for p in d.get("packages", [])}
    out = []
    for v in d.get("vulnerabilities", []):
        p = pk[v["package"]]
        out.append((norm(p["ecosystem"], p["name"], p.get("version", "")), frozenset([v["id"]] + v.get("aliases", [])), v["id"]))
    return out
def theirs_set():
    d = json.load(open(theirs)); out = []
    for r in d.get("results", []):
        for p in r.get("packages", []):
            k = norm(p["package"]["ecosystem"], p["package"]["name"], p["package"]["version"])
            for v in p.get("vulnerabilities", []):
                out.append((k, frozenset([v["id"]] + v.get("aliases", [])), v["id"]))
    return out
o, t = ours_set(), theirs_set()
def matched(x, others):
    return any(x[0] == y[0] and x[1] & y[1] for y in others)
# alias merging: several records of one flaw count once on each side
def groups(xs):
    out = []
    for x in xs:
        if not any(x[0] == g[0] and x[1] & g[1] for g in out):
            out.append(x)
    return out
o, t = groups(o), groups(t)
only_o = [x for x in o if not matched(x, t)]
only_t = [x for x in t if not matched(x, o)]
with open(diffpath, "w") as f:
    for x in only_o: f.write("only ossaudit:    %s %s@%s %s\n" % (x[0][0], x[0][1], x[0][2], x[2]))
    for x in only_t: f.write("only osv-scanner: %s %s@%s %s\n" % (x[0][0], x[0][1], x[0][2], x[2]))
print(len(o), len(t), len(o) - len(only_o), len(only_o), len(only_t))
PY
)
  read -r no nt agree oo ot <<< "$counts"
  to=$(median < "$WORK/out/$p.ours.t"); tt=$(median < "$WORK/out/$p.theirs.t")
  printf "%-14s %9s %9s %7s %9s %11s %10.3f %10.3f %8.1f\n" "$p" "$no" "$nt" "$agree" "$oo" "$ot" "$to" "$tt" "$(echo "$tt/$to" | bc -l)"
done
echo "(ratio: osv-scanner's median time divided by ossaudit's; disagreements in $WORK/vulns-diff-*.txt)"
