#!/usr/bin/env bash
# Throughput of the 100,000-page sample portal under wrk (apt-get install wrk).
# Serves the `large` scenario, collects ~11,000 distinct list and article URLs, then runs
# wrk round-robin over them. Usage: scripts/bench-testsite.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-15}"
port=18182
cargo build --release -q -p xunwang-cli
bin="${CARGO_TARGET_DIR:-target}/release/xunwang"
tmp="$(mktemp -d)"
"$bin" testsite serve --scenario large --port "$port" --manifest "$tmp/m.json" >/dev/null &
pid=$!
trap 'kill $pid; rm -rf "$tmp"' EXIT
sleep 1
python3 - "$tmp" "$port" <<'PY'
import json, re, sys, urllib.request
tmp, port = sys.argv[1], sys.argv[2]
m = json.load(open(f"{tmp}/m.json"))
site = m["sites"][0]
host = site["host"]
paths = []
for c in site["columns"]:
    if c["items"] == 0 or c["class"] == "static":
        continue
    base = c["url"].replace(f"http://{host}", "")
    for n in range(0, 126, 9):
        lp = base + ("index.html" if n == 0 else f"index_{n}.html")
        req = urllib.request.Request(f"http://127.0.0.1:{port}{lp}", headers={"Host": host})
        try:
            html = urllib.request.urlopen(req).read().decode()
        except Exception:
            continue
        paths.append(lp)
        paths += [base + h for h in re.findall(r'<li><a href="\./([^"]+)"', html)]
print(f"{len(paths)} distinct URLs", file=sys.stderr)
with open(f"{tmp}/paths.lua", "w") as f:
    f.write("paths = {" + ",".join(f'"{p}"' for p in paths) + "}\n")
    f.write(f'i = 0\nrequest = function()\n i = i + 1\n return wrk.format("GET", paths[(i % #paths) + 1], {{["Host"]="{host}"}})\nend\n')
PY
wrk -t2 -c32 -d"${secs}s" -s "$tmp/paths.lua" "http://127.0.0.1:$port/"
