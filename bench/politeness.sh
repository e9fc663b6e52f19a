#!/usr/bin/env bash
# Benchmark: crawl rate under politeness. The sample portal answers every request after a fixed
# latency; with per-host concurrency C and latency L the politeness bound is C / L pages per
# second, and a good crawler stays close to it (it neither exceeds it nor wastes the budget).
#
#   bench/politeness.sh [LATENCY_MS] [PER_HOST] [MAX_PAGES]
#
# Also prints peak RSS. Not a test: figures go into the issue note.
set -euo pipefail
cd "$(dirname "$0")/.."

LATENCY_MS=${1:-50}
PER_HOST=${2:-2}
MAX_PAGES=${3:-1000}
PORT=${PORT:-18432}
WORK=$(mktemp -d /tmp/xunwang-polite.XXXXXX)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

cargo build --release -q -p xunwang-cli
XW=${CARGO_TARGET_DIR:-target}/release/xunwang

cat > "$WORK/site.toml" <<TOML
name = "politeness bench"
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
items_per_column = 100
extra_columns = 10
[[behaviour]]
kind = "latency"
host = "www.jiangcheng.gov.cn"
path = "/"
ms = $LATENCY_MS
jitter_ms = 0
TOML

"$XW" testsite serve --scenario "$WORK/site.toml" --port "$PORT" --manifest "$WORK/m.json" \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do [ -s "$WORK/m.json" ] && break; sleep 0.1; done
RESOLVE=$(python3 -c "import json;print(' '.join('--resolve '+r for r in json.load(open('$WORK/m.json'))['resolve']))")

# shellcheck disable=SC2086
/usr/bin/time -f '%e %M' -o "$WORK/time" "$XW" inspect http://www.jiangcheng.gov.cn/ $RESOLVE \
  --resolve-only --per-host "$PER_HOST" --max-pages "$MAX_PAGES" --no-sitemaps --quiet \
  --database "sqlite://$WORK/x.db" --out "$WORK/out" >/dev/null
read -r wall rss < "$WORK/time"
python3 - "$WORK/out/summary.json" "$wall" "$rss" "$LATENCY_MS" "$PER_HOST" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))[0]
wall, rss, lat, c = float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
urls = s["pages"] + s["checks"]
bound = c / (lat / 1000)
rate = urls / wall
print(f"latency {lat} ms, per-host {c}: bound {bound:.1f} req/s")
print(f"{s['pages']} pages + {s['checks']} other targets in {wall:.2f} s = {rate:.1f} req/s "
      f"({rate / bound * 100:.1f} % of the bound), peak RSS {rss // 1024} MB")
PY
