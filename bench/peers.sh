#!/usr/bin/env bash
# Benchmark: `xunwang inspect` against peer link checkers on the same sample site, in the same
# run, at the same concurrency. Not a test: figures go into the issue note.
#
#   bench/peers.sh [PAGES_PER_COLUMN] [CONCURRENCY]
#
# Needs (installed by the caller, not by this script; it skips a tool that is missing):
#   linkinator: npm install linkinator (in $PEERS_DIR, default /tmp/benchtools) → npx linkinator
#   LinkChecker: pip install linkchecker
#   muffy:       cargo install muffy --root $PEERS_DIR/muffy
# Measures wall time and peak RSS with GNU time. Loopback only; no added latency unless LATENCY_MS.
set -euo pipefail
cd "$(dirname "$0")/.."

ITEMS=${1:-500}          # items per column: 500 → ~20k pages, 2520 → ~100k pages
CONC=${2:-16}
LATENCY_MS=${LATENCY_MS:-0}
PEERS_DIR=${PEERS_DIR:-/tmp/benchtools}
TOOLS=${TOOLS:-xunwang linkinator linkchecker muffy}   # e.g. TOOLS=xunwang for the 100k RSS run
PORT=${PORT:-18431}
WORK=$(mktemp -d /tmp/xunwang-bench.XXXXXX)
chmod 755 "$WORK"   # LinkChecker drops root privileges to nobody and must read its config
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

# XW_ARGS adds flags to `xunwang inspect` (e.g. "--rules no-attachments.toml").
# XW=/path/to/xunwang runs another build (e.g. a baseline from an earlier commit, built in a
# git worktree) instead of building this checkout.
if [ -z "${XW:-}" ]; then
  cargo build --release -q -p xunwang-cli
  XW=${CARGO_TARGET_DIR:-target}/release/xunwang
fi

cat > "$WORK/site.toml" <<TOML
name = "bench"
seed = 7
[city]
name = "江城市"
region_code = "420100"
[[site]]
key = "portal"
name = "江城市人民政府"
host = "www.jiangcheng.gov.cn"
kind = "portal"
organizer = "江城市人民政府办公厅"
site_code = "4201000001"
items_per_column = $ITEMS
extra_columns = 30
TOML
if [ "$LATENCY_MS" != 0 ]; then
  cat >> "$WORK/site.toml" <<TOML
[[behaviour]]
kind = "latency"
host = "www.jiangcheng.gov.cn"
path = "/"
ms = $LATENCY_MS
jitter_ms = 0
TOML
fi

# LinkChecker caps itself at 10 requests/s per host unless the server answers with a
# `LinkChecker` header; the header lets it run at the same concurrency as everyone else.
"$XW" testsite serve --scenario "$WORK/site.toml" --single-host --port "$PORT" --header 'LinkChecker: bench' \
  --manifest "$WORK/manifest.json" > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done
PAGES=$(python3 -c "import json;print(json.load(open('$WORK/manifest.json'))['sites'][0]['pages'])")
URL="http://127.0.0.1:$PORT/"
echo "site: $URL  pages: $PAGES  concurrency: $CONC  latency: ${LATENCY_MS} ms"
printf '%-12s %10s %8s %12s %10s  %s\n' tool wall_s cpu_s peak_rss_MB pages/s note

# Links to other hosts (the sample world's outside hosts, unreachable here) are skipped by the
# peers; xunwang runs with --resolve-only so they fail at once without a DNS query.
SKIP='^https?://[a-z]'

run() { # name, note, command...
  local name=$1 note=$2; shift 2
  case " $TOOLS " in *" $name "*) ;; *) return ;; esac
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
    printf '%-12s %10s %8s %12s %10s  %s\n' "$name" - - - - "not installed"; return
  fi
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/$name.time" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" || true
  read -r wall rss user sys < <(tail -n1 "$WORK/$name.time")
  printf '%-12s %10s %8s %12s %10s  %s\n' "$name" "$wall" "$(python3 -c "print(round($user+$sys,1))")" "$((rss / 1024))" \
    "$(python3 -c "print(round($PAGES/$wall))")" "$note"
}

run xunwang "GET+decode+parse+store every page, HEAD every other target, re-check" \
  "$XW" inspect "$URL" --database "sqlite://$WORK/xw.db" --per-host "$CONC" --per-ip "$CONC" \
  --concurrency "$CONC" --min-interval-ms 0 --quiet --no-sitemaps --recheck-delay 0 --resolve-only \
  --max-pages 1000000 --out "$WORK/xw" ${XW_ARGS:-}
[ -x "$PEERS_DIR/node_modules/.bin/linkinator" ] && \
run linkinator "--recurse --concurrency $CONC" \
  "$PEERS_DIR/node_modules/.bin/linkinator" "$URL" --recurse --concurrency "$CONC" --skip "$SKIP"
printf '[checking]\nmaxrequestspersecond=100000\n' > "$WORK/linkcheckerrc"
run linkchecker "--threads $CONC, rate cap lifted" \
  linkchecker --config "$WORK/linkcheckerrc" --threads "$CONC" --no-status --no-warnings --ignore-url "$SKIP" "$URL"
[ -x "$PEERS_DIR/muffy/bin/muffy" ] && \
run muffy "check-site --concurrency $CONC" "$PEERS_DIR/muffy/bin/muffy" check-site "$URL" \
  --concurrency "$CONC" --ignore "$SKIP"
echo "xunwang summary:"; cat "$WORK/xw/summary.json" 2>/dev/null | head -20 || true
