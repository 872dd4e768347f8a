#!/usr/bin/env bash
# Injector capacity: does the suite measure the target, or itself?
#
# Usage: bench/injector-capacity.sh [options]
#   --rates LIST        request rates to test, req/s, comma-separated, ascending
#                       (default 500,1000,2000,4000,5000,6000,8000)
#   --duration SECONDS  measured length of every step, for the reference and the suite (default 12)
#   --warm-up SECONDS   the suite's silent warm-up before each step, at the step's rate (default 12)
#   --warm-up-rate R    the warm-up's rate instead, req/s (e.g. 50, to see a barely warm injector)
#   --jvm-args "ARGS"   the Gatling JVM's options instead of the pom's <jvmArgs> (space-separated;
#                       the plugin's defaults still come first), e.g. "-Xms512m -Xmx2g"
#   --out DIR           where logs, results and the table go (default bench-out/<UTC timestamp>)
#   --quiet-below PCT   before each step, wait (up to --max-wait s) until other processes use less
#                       than PCT % of the CPU over 2 s (default 30; 100 never waits). The machine
#                       is shared: the busy share measured is noted in the table either way.
#   --max-wait SECONDS  longest wait for a quiet machine per step (default 20)
#   --keep-going        run every rate (default: stop after 2 steps in a row that are not clean)
#   --retries N         runs of a step that is not clean, again (default 1; 0..3)
#   --skip-build        reuse target/ (the jar, test classes and target/test-classpath.txt)
#   -h, --help          this text
#
# In one run, against the embedded service started standalone on loopback
# (java -jar target/phantom-mesh-perf.jar serve):
#   1. capacity of the service with wrk (closed loop, 64 connections): GET /health, then the
#      journey mix (bench/paced-mix.lua, unpaced). The reference for everything below.
#   2. for each rate: the constant-rate reference (wrk + bench/paced-mix.lua: the journeys' request
#      mix, paced to the rate), then the suite itself (SmokeSimulation's journeys at the rate,
#      Gatling run directly on the test class path with the pom's JVM options, the post-processor's
#      exact result.json). Both see the same service, one after the other.
#   3. a table per rate: P50/P99 of both, errors, the injector's CPU, heap and late arrivals; then
#      the clean capacity: the highest rate up to which every step has no error and a suite P99
#      within max(2 x reference P99, reference P99 + 5 ms).
# Every load goes to 127.0.0.1 only, and every step is bounded in time (wrk -d, Gatling's
# maxDuration, `timeout` around both; the service stops itself after the whole budget).
# Tools: bench/install-tools.sh (wrk, jq, curl), Java 17, Maven. See docs/benchmark.md.
set -euo pipefail

RATES=500,1000,2000,4000,5000,6000,8000
DURATION=12
WARM_UP=12
MAX_WAIT=20
KEEP_GOING=0
RETRIES=1
WARM_UP_RATE=""
JVM_ARGS=""
JVM_ARGS_SET=0
OUT=""
QUIET_BELOW=30
BUILD=1
CAPACITY_SECONDS=10
REF_THREADS=2
REF_CONNECTIONS=64
P99_FACTOR=2
P99_SLACK_MS=5

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "injector-capacity: $*" >&2; exit 2; }
say() { echo "injector-capacity: $*" >&2; }

while (($#)); do
  case $1 in
    --rates) RATES=${2:?--rates needs a list}; shift 2 ;;
    --duration) DURATION=${2:?--duration needs seconds}; shift 2 ;;
    --warm-up) WARM_UP=${2:?--warm-up needs seconds}; shift 2 ;;
    --out) OUT=${2:?--out needs a folder}; shift 2 ;;
    --quiet-below) QUIET_BELOW=${2:?--quiet-below needs a percentage}; shift 2 ;;
    --max-wait) MAX_WAIT=${2:?--max-wait needs seconds}; shift 2 ;;
    --keep-going) KEEP_GOING=1; shift ;;
    --retries) RETRIES=${2:?--retries needs a count}; shift 2 ;;
    --warm-up-rate) WARM_UP_RATE=${2:?--warm-up-rate needs req/s}; shift 2 ;;
    --jvm-args) JVM_ARGS=${2?--jvm-args needs options}; JVM_ARGS_SET=1; shift 2 ;;
    --skip-build) BUILD=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ $RATES =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--rates must be positive integers separated by commas, was '$RATES'"
[[ $DURATION =~ ^[0-9]+$ && $DURATION -ge 3 && $DURATION -le 600 ]] || die "--duration must be 3..600 s, was '$DURATION'"
[[ $WARM_UP =~ ^[0-9]+$ && $WARM_UP -le 300 ]] || die "--warm-up must be 0..300 s, was '$WARM_UP'"
[[ $QUIET_BELOW =~ ^[0-9]+$ && $QUIET_BELOW -le 100 ]] || die "--quiet-below must be 0..100, was '$QUIET_BELOW'"
[[ -z $WARM_UP_RATE || $WARM_UP_RATE =~ ^[1-9][0-9]*$ ]] || die "--warm-up-rate must be a positive integer, was '$WARM_UP_RATE'"
[[ $RETRIES =~ ^[0-3]$ ]] || die "--retries must be 0..3, was '$RETRIES'"
[[ $MAX_WAIT =~ ^[0-9]+$ && $MAX_WAIT -le 600 ]] || die "--max-wait must be 0..600 s, was '$MAX_WAIT'"
IFS=, read -r -a RATE_LIST <<<"$RATES"
for r in "${RATE_LIST[@]}"; do
  ((r > 0 && r <= 100000)) || die "every rate must be 1..100000 req/s, was $r"
done

cd "$(dirname "$0")/.."
ROOT=$(pwd)
for tool in wrk jq curl java mvn uptime timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found: run bench/install-tools.sh (and install Java 17 and Maven)"
done
OUT=${OUT:-bench-out/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

load_average() { uptime | sed 's/.*load average[s]*: *//'; }

# Share of the CPU (all cores) busy over 2 s, percent: between steps, that is everyone else.
busy_percent() {
  local a b
  a=$(awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat)
  sleep 2
  b=$(awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN{split(a, x, " "); split(b, y, " "); t = y[1] - x[1]; i = y[2] - x[2]
    printf "%d", (t > 0 ? 100 * (t - i) / t : 0)}'
}

# Waits up to MAX_WAIT s for the machine to be quiet; prints the last busy share measured.
wait_for_quiet() {
  local busy waited=0
  busy=$(busy_percent)
  while ((busy >= QUIET_BELOW && waited < MAX_WAIT)); do
    say "machine busy (${busy} % of the CPU used by other processes), waiting"
    sleep 3
    waited=$((waited + 5))
    busy=$(busy_percent)
  done
  echo "$busy"
}

# --- build -----------------------------------------------------------------------------------
if ((BUILD)); then
  say "building (package, test classes, test class path)"
  mvn -B -q package -DskipTests -DskipSmoke >"$OUT/build.log" 2>&1 || die "build failed: $OUT/build.log"
  mvn -B -q test-compile -DskipSmoke >>"$OUT/build.log" 2>&1 || die "test-compile failed: $OUT/build.log"
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
    -Dmdep.includeScope=test >>"$OUT/build.log" 2>&1 || die "class path failed: $OUT/build.log"
fi
for f in target/phantom-mesh-perf.jar target/test-classpath.txt target/test-classes; do
  [[ -e $f ]] || die "$f missing: run without --skip-build"
done
CLASSPATH_TEST="$ROOT/target/test-classes:$ROOT/target/classes:$(cat target/test-classpath.txt)"

# The forked Gatling JVM's options, as `mvn gatling:test` gives them: the plugin's defaults
# (gatling-maven-plugin 4.21.12, GatlingConstants) and then the pom's <jvmArgs>, which win.
GATLING_JVM=(-XX:+HeapDumpOnOutOfMemoryError -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 -Xmx1G
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED)
if ((JVM_ARGS_SET)); then
  read -r -a extra <<<"$JVM_ARGS"
  GATLING_JVM+=("${extra[@]}")
else
  while IFS= read -r arg; do
    GATLING_JVM+=("$arg")
  done < <(sed -n 's:.*<jvmArg>\(.*\)</jvmArg>.*:\1:p' pom.xml)
fi

# --- the service -----------------------------------------------------------------------------
STEPS=${#RATE_LIST[@]}
BUDGET=$((120 + CAPACITY_SECONDS * 3 + STEPS * (RETRIES + 1) * (2 * DURATION + WARM_UP + MAX_WAIT + 200)))
PHANTOM_API_TOKEN=bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')
export PHANTOM_API_TOKEN
SERVICE_PID=""
cleanup() {
  if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM
java -jar target/phantom-mesh-perf.jar serve --host 127.0.0.1 --port 0 --duration "${BUDGET}s" \
  >"$OUT/service.log" 2>&1 &
SERVICE_PID=$!
BASE_URL=""
for _ in $(seq 1 100); do
  BASE_URL=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$OUT/service.log" | head -1)
  [[ -n $BASE_URL ]] && break
  kill -0 "$SERVICE_PID" 2>/dev/null || die "the service did not start: $OUT/service.log"
  sleep 0.1
done
[[ -n $BASE_URL ]] || die "the service printed no address in 10 s: $OUT/service.log"
curl -fsS "$BASE_URL/health" >/dev/null || die "GET $BASE_URL/health failed"
say "service at $BASE_URL (stops by itself after ${BUDGET}s); results in $OUT"

# --- 1. capacity -------------------------------------------------------------------------------
wrk_run() { # seconds, then wrk arguments; output to stdout
  local seconds=$1
  shift
  timeout $((seconds + 30)) wrk -t"$REF_THREADS" -c"$REF_CONNECTIONS" -d"${seconds}s" "$@"
}
say "warming the service up (wrk, 5 s), then its capacity (${CAPACITY_SECONDS} s each)"
wrk_run 5 "$BASE_URL/health" >"$OUT/wrk-warm-up.txt"
wrk_run "$CAPACITY_SECONDS" --latency "$BASE_URL/health" >"$OUT/wrk-capacity-health.txt"
CAP_HEALTH=$(awk '/^Requests\/sec:/{printf "%d", $2}' "$OUT/wrk-capacity-health.txt")
wrk_run "$CAPACITY_SECONDS" -s bench/paced-mix.lua "$BASE_URL" -- 100000000 "$REF_THREADS" \
  >"$OUT/wrk-capacity-mix.txt"
CAP_MIX=$(awk '/^Requests\/sec:/{printf "%d", $2}' "$OUT/wrk-capacity-mix.txt")
say "capacity: GET /health $CAP_HEALTH req/s, journey mix $CAP_MIX req/s"

# --- 2. per rate -------------------------------------------------------------------------------
field() { sed -n "s/.*[[:space:]]$1=\([0-9]*\).*/\1/p" "$2" | head -1; }
ms() { awk -v us="$1" 'BEGIN{printf "%.2f", us / 1000}'; }

ROWS="$OUT/rows.tsv"
printf 'rate\tattempt\tbusy\tref_rps\tref_p50\tref_p99\tref_late\tref_errors\tsuite_rps\tsuite_p50\tsuite_p99\tsuite_errors\tcpu_avg\tcpu_max\theap_mb\tgc_pct\tlate_pct\tlag_p99\tverdict\n' >"$ROWS"
# One attempt at one rate: the reference, then the suite. Sets `row` (a line of rows.tsv) and
# `verdict`; files go to OUT/<kind>-<rate>[-<attempt>].
run_step() {
  local rate=$1 attempt=$2 tag=$1 load ref step result
  ((attempt > 1)) && tag="$rate-$attempt"
  load=$(wait_for_quiet)
  say "rate $rate req/s, attempt $attempt (others busy ${load} %, load average $(load_average)): reference, ${DURATION} s"
  ref="$OUT/reference-$tag.txt"
  wrk_run "$DURATION" -s bench/paced-mix.lua "$BASE_URL" -- "$rate" "$REF_THREADS" >"$ref" || true
  local ref_requests ref_p50 ref_p99 ref_rps ref_late ref_errors=0 e
  ref_requests=$(field requests "$ref")
  ref_p50=$(ms "$(field p50_us "$ref")")
  ref_p99=$(ms "$(field p99_us "$ref")")
  ref_rps=$(awk -v n="$ref_requests" -v us="$(field duration_us "$ref")" 'BEGIN{printf "%d", (us > 0 ? n * 1e6 / us : 0)}')
  ref_late=$(field late "$ref")
  for e in errors_connect errors_read errors_write errors_status errors_timeout; do
    ref_errors=$((ref_errors + $(field "$e" "$ref")))
  done

  say "rate $rate req/s, attempt $attempt: the suite, ${WARM_UP} s silent warm-up + ${DURATION} s"
  step="$OUT/suite-$tag"
  mkdir -p "$step"
  set +e
  timeout $((DURATION + WARM_UP + 180)) java "${GATLING_JVM[@]}" \
    -Dphantom.target.base-url="$BASE_URL" \
    -Dphantom.target.api-token="$PHANTOM_API_TOKEN" \
    -Dphantom.profiles.smoke.rate="$rate" \
    -Dphantom.profiles.smoke.duration="${DURATION}s" \
    -Dphantom.journey.warm-up="${WARM_UP}s" \
    -Dphantom.journey.warm-up-rate="${WARM_UP_RATE:-$rate}" \
    -Dphantom.report.output-dir="$step/reports" \
    -cp "$CLASSPATH_TEST" io.gatling.app.Gatling \
    -s io.phantommesh.perf.simulation.SmokeSimulation -rf "$step/gatling" -nr \
    >"$step/gatling.log" 2>&1
  set -e
  result=$(find "$step/reports" -name result.json 2>/dev/null | head -1)
  if [[ -z $result ]]; then
    say "rate $rate req/s: no result.json (see $step/gatling.log)"
    verdict="no result"
    row=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t%s' \
      "$rate" "$attempt" "$load" "$ref_rps" "$ref_p50" "$ref_p99" "$ref_late" "$ref_errors" "$verdict")
    return
  fi
  local suite_rps suite_p50 suite_p99 suite_errors cpu_avg cpu_max heap gc late lag_p99
  read -r suite_rps suite_p50 suite_p99 suite_errors cpu_avg cpu_max heap gc late lag_p99 < <(jq -r '
    [ (.request_count / $seconds | floor),
      .metrics.latency_percentiles.p50, .metrics.latency_percentiles.p99, .error_count,
      (.injector_health.cpu_percent_avg // "-"), (.injector_health.cpu_percent_max // "-"),
      (.injector_health.heap_max_mb // "-"), (.injector_health.gc_time_percent // "-"),
      (.injector_health.late_arrivals_percent // "-"), (.injector_health.event_loop_lag_p99_ms // "-")
    ] | map(tostring) | join(" ")' --argjson seconds "$DURATION" "$result")
  verdict=$(awk -v s="$suite_p99" -v r="$ref_p99" -v e="$suite_errors" -v re="$ref_errors" \
    -v f="$P99_FACTOR" -v k="$P99_SLACK_MS" 'BEGIN{
      bound = r * f; if (r + k > bound) bound = r + k
      if (e > 0 || re > 0) print "errors"; else if (s <= bound) print "clean"; else print "P99 over bound"
    }')
  row=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' \
    "$rate" "$attempt" "$load" "$ref_rps" "$ref_p50" "$ref_p99" "$ref_late" "$ref_errors" \
    "$suite_rps" "$suite_p50" "$suite_p99" "$suite_errors" "$cpu_avg" "$cpu_max" "$heap" "$gc" \
    "$late" "$lag_p99" "$verdict")
  say "rate $rate req/s, attempt $attempt: reference P99 $ref_p99 ms, suite P99 $suite_p99 ms, late $late %: $verdict"
}

not_clean=0
for rate in "${RATE_LIST[@]}"; do
  if ((not_clean >= 2 && !KEEP_GOING)); then
    say "rate $rate req/s: not run (2 steps in a row were not clean; --keep-going runs them)"
    printf '%s\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\tnot run\n' "$rate" >>"$ROWS"
    continue
  fi
  # A step that is not clean runs once more (a build elsewhere on the machine can stall any run);
  # the table keeps every attempt, and the step counts as clean when one attempt was.
  step_clean=0
  for attempt in $(seq 1 $((RETRIES + 1))); do
    run_step "$rate" "$attempt"
    echo "$row" >>"$ROWS"
    if [[ $verdict == clean ]]; then
      step_clean=1
      break
    fi
  done
  if ((step_clean)); then not_clean=0; else not_clean=$((not_clean + 1)); fi
done

# --- 3. the table ------------------------------------------------------------------------------
CLEAN=$(awk -F'\t' 'NR > 1 { if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 } if ($19 == "clean") ok[$1] = 1 }
  END { for (i = 1; i <= n; i++) { if (!(order[i] in ok)) break; best = order[i] } print best + 0 }' "$ROWS")
{
  echo "## Injector capacity, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "Command: \`bench/injector-capacity.sh --rates $RATES --duration $DURATION --warm-up $WARM_UP${WARM_UP_RATE:+ --warm-up-rate $WARM_UP_RATE}$( ((JVM_ARGS_SET)) && printf ' --jvm-args "%s"' "$JVM_ARGS")\`"
  echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1); load average at the end: $(load_average)."
  echo "Gatling JVM options: \`${GATLING_JVM[*]}\`"
  echo "Service capacity (wrk, ${REF_THREADS} threads, ${REF_CONNECTIONS} connections, ${CAPACITY_SECONDS} s): GET /health **$CAP_HEALTH req/s**, journey mix **$CAP_MIX req/s**."
  echo
  echo "| Rate req/s | Try | Others' CPU % | Ref req/s | Ref P50 ms | Ref P99 ms | Ref late | Ref errors | Suite req/s | Suite P50 ms | Suite P99 ms | Suite errors | Injector CPU avg / max % | Heap max MiB | GC % | Late arrivals % | Loop lag P99 ms | Verdict |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19 }' "$ROWS"
  echo
  echo "Bound: suite P99 <= max(${P99_FACTOR} x reference P99, reference P99 + ${P99_SLACK_MS} ms), no error on either side."
  echo "Others' CPU: share of the machine busy just before the step (other engineers' builds, not this benchmark)."
  echo "CPU is % of all $(nproc) cores; late arrivals: share of the suite's arrivals that started >= 5 ms late (event-loop lag);"
  echo "Ref late: reference sends >= 5 ms behind their slot."
  echo
  if ((CLEAN > 0)); then
    echo "**Clean capacity: $CLEAN req/s** (highest rate up to which every step is clean, in at most $((RETRIES + 1)) attempts)."
  else
    echo "**Clean capacity: none of the rates tested was clean.**"
  fi
} >"$OUT/table.md"
cat "$OUT/table.md"
echo
echo "clean capacity: $CLEAN req/s"
echo "details: $OUT"
