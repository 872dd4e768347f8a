#!/usr/bin/env bash
# What the live monitor costs the injector: the same SustainedSimulation run twice in one session,
# monitor on (its Prometheus endpoint scraped every second by a real Prometheus when the binary is
# installed, see .ci/install-prometheus.sh) and monitor off, against the embedded service on
# loopback. Prints the monitor's own CPU (its threads' CPU time, which the monitor reports at the
# end of the run) and the injector JVM's CPU average of both runs (result.json injector_health).
#
# Usage: bench/live-monitor-cost.sh [RATE req/s (default 1000)] [HOLD seconds (default 30)]
# Every load goes to 127.0.0.1 and each run is bounded by the model's maxDuration.
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${1:-1000}
HOLD=${2:-30}
OUT=${OUT:-bench-out/live-monitor-cost-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

prom_pid=""
if command -v prometheus >/dev/null 2>&1; then
  mkdir -p "$OUT/prometheus/data"
  cat >"$OUT/prometheus/prometheus.yml" <<YAML
global: { scrape_interval: 1s, scrape_timeout: 1s }
scrape_configs:
  - job_name: phantom-injector
    static_configs: [ { targets: ['127.0.0.1:$port'] } ]
YAML
  prom_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  prometheus --config.file="$OUT/prometheus/prometheus.yml" --storage.tsdb.path="$OUT/prometheus/data" \
    --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$OUT/prometheus/log.txt" 2>&1 &
  prom_pid=$!
  trap 'kill "$prom_pid" 2>/dev/null || true' EXIT
fi

run() { # $1 = on|off
  local live=true
  [[ "$1" == off ]] && live=false
  mvn -o -B gatling:test -Dgatling.simulationClass=io.phantommesh.perf.simulation.SustainedSimulation \
    -Dphantom.profiles.sustained.rate="$RATE" -Dphantom.profiles.sustained.hold="${HOLD}s" \
    -Dphantom.live.enabled="$live" -Dphantom.live.prometheus.port="$port" \
    -Dphantom.report.output-dir="$OUT/reports-$1" >"$OUT/run-$1.txt" 2>&1 || true
  local result
  result=$(find "$OUT/reports-$1" -mindepth 1 -maxdepth 1 -type d ! -name '.*' 2>/dev/null | head -1)
  printf '%s: monitor %s; injector CPU avg %s %% of %s cores; requests %s; P99 %s ms\n' \
    "$1" "$(grep -o "the monitor's threads used .*" "$OUT/run-$1.txt" || echo 'not running')" \
    "$(jq -r '.injector_health.cpu_percent_avg' "$result/result.json")" \
    "$(jq -r '.injector_health.cores' "$result/result.json")" \
    "$(jq -r '.request_count' "$result/result.json")" \
    "$(jq -r '.metrics.latency_percentiles.p99' "$result/result.json")"
}
run on | tee "$OUT/summary.txt"
run off | tee -a "$OUT/summary.txt"
echo "logs in $OUT"
