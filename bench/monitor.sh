#!/usr/bin/env bash
# Benchmark: the monitor daemon watching many sites in real time (issue 7).
#
# N sample sites (default 100; one of them fails every 10th request) served on loopback by
# `xunwang testsite serve`; `xunwang monitor` probes each every PROBE_EVERY (default 2s) for
# DURATION (default 10m), polls and inspections left at their defaults (daily / weekly slots,
# so few or none fall in the run). Prints the daemon's CPU share and peak RSS
# (/usr/bin/time -v), RSS sampled from /proc every 10 s, and the probes per site against the
# schedule (DURATION / PROBE_EVERY, ±1 for the jitter at both ends).
#
#   bench/monitor.sh [SITES] [PROBE_EVERY] [DURATION]
#
# Not a test: the figures go into the issue note. Targets: < 5 % of one core, < 50 MB RSS.
set -euo pipefail
cd "$(dirname "$0")/.."

SITES=${1:-100}
EVERY=${2:-2s}
DURATION=${3:-10m}
WORK=$(mktemp -d /tmp/xunwang-monitor-bench.XXXXXX)
SERVER=
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

cargo build --release -q -p xunwang-cli
XW=${CARGO_TARGET_DIR:-target}/release/xunwang

{
  cat <<TOML
name = "monitor bench"
seed = 7
[city]
name = "江城市"
region_code = "420100"
TOML
  for i in $(seq 1 "$SITES"); do
    cat <<TOML
[[site]]
key = "s$i"
name = "江城市第${i}局"
host = "s$i.jiangcheng.gov.cn"
kind = "department"
organizer = "江城市第${i}局"
site_code = "42010$(printf '%05d' "$i")"
items_per_column = 4
messages = 2
TOML
  done
  cat <<TOML
[[behaviour]]
kind = "flaky"
host = "s1.jiangcheng.gov.cn"
every = 10
TOML
} > "$WORK/sites.toml"

"$XW" testsite serve --scenario "$WORK/sites.toml" --port 0 --manifest "$WORK/manifest.json" \
  > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do [ -s "$WORK/manifest.json" ] && break; sleep 0.1; done

mapfile -t ARGS < <(python3 - "$WORK/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
for s in m["sites"]:
    print(s["home"])
for r in m["resolve"]:
    print("--resolve"); print(r)
PY
)

echo "监测 $SITES 个网站，每 $EVERY 探测一次，运行 $DURATION ……"
/usr/bin/time -v "$XW" monitor "${ARGS[@]}" --resolve-only --no-inspect \
  --database "$WORK/bench.db" --probe-every "$EVERY" --duration "$DURATION" \
  > "$WORK/monitor.out" 2> "$WORK/monitor.err" &
TIMEPID=$!
sleep 1
DAEMON=$(pgrep -P "$TIMEPID" xunwang || true)
: > "$WORK/rss.txt"
while kill -0 "$TIMEPID" 2>/dev/null; do
  if [ -n "$DAEMON" ] && [ -r "/proc/$DAEMON/status" ]; then
    awk '/VmRSS/ {print $2}' "/proc/$DAEMON/status" >> "$WORK/rss.txt" || true
  fi
  sleep 10
done
wait "$TIMEPID"

cat "$WORK/monitor.out"
grep -E "Percent of CPU|Maximum resident|Elapsed|User time|System time" "$WORK/monitor.err"
python3 - "$WORK/rss.txt" <<'PY'
import sys
v = [int(x) for x in open(sys.argv[1]) if x.strip()]
if v:
    print(f"RSS sampled every 10 s: median {sorted(v)[len(v)//2]/1024:.1f} MB, max {max(v)/1024:.1f} MB ({len(v)} samples)")
PY
"$XW" availability --database "$WORK/bench.db" --json --window 1d > "$WORK/avail.jsonl"
python3 - "$WORK/avail.jsonl" "$EVERY" "$DURATION" <<'PY'
import json, sys, re
def secs(s):
    n, u = re.fullmatch(r"([\d.]+)(ms|s|m|h|d)?", s).groups()
    return float(n) * {"ms": .001, "s": 1, None: 1, "m": 60, "h": 3600, "d": 86400}[u]
rows = [json.loads(l) for l in open(sys.argv[1])]
expected = secs(sys.argv[3]) / secs(sys.argv[2])
probes = sorted(r["probes"] + 0 for r in rows)
bad = [r for r in rows if abs(r["probes"] - expected) > 1.5]
print(f"probes per site: expected {expected:.0f} (±1), min {probes[0]}, max {probes[-1]}, "
      f"sites off schedule: {len(bad)} of {len(rows)}")
for r in rows:
    if r["failures"]:
        print(f"  {r['site']}: {r['failures']} failures of {r['probes']} ({r['ratio']:.3f})")
PY
ls -l "$WORK/bench.db" | awk '{print "database bytes:", $5}'
