#!/usr/bin/env bash
# Whole-command speed of the post-processor against Gatling's own report, as a user waits for them:
# for each size, a synthetic log of that many requests (written once by DecodeBenchmark into
# target/gatling/bench-<n>/, 10 k req/s, groups, UTF-16 names, ~1 % KO; stamped with the pinned
# Gatling version), then, in every round, one after the other:
#   ours       java -Xmx256m -jar target/phantom-mesh-perf.jar report <folder>
#                (it moves to a JVM tuned for it, see docs/results.md, "Whole command")
#   one JVM    the same with -Dphantom-mesh-perf.tuned-jvm=false: no second JVM
#   ours+CDS   java -XX:SharedArchiveFile=target/phantom-mesh-perf.jsa -XX:TieredStopAtLevel=1 \
#                -Xmx256m -jar target/phantom-mesh-perf.jar report <folder>
#   Gatling    mvn gatling:test -Dgatling.reportsOnly=bench-<n>
# each a fresh process (ours into a fresh --out folder, so the index holds one run). Prints wall,
# user and system seconds of each, and per round the ratio Gatling wall / ours wall.
#
#   bench/report-speed.sh [--requests 1000000,5000000,20000000] [--rounds 3] [--no-build]
#
# The machine is shared: compare the ratios of one round, and read the load averages printed.
set -euo pipefail
cd "$(dirname "$0")/.."

requests=1000000,5000000,20000000
rounds=3
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) requests="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown argument $1 (see the header of $0)" >&2; exit 64 ;;
  esac
done

mvn=(mvn -B -q)
if [ "$build" = 1 ]; then
  echo "building the jar, its CDS archive and the test classes"
  "${mvn[@]}" package -DskipTests -DskipSmoke
  "${mvn[@]}" dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
    -Dmdep.includeScope=test > /dev/null
fi
jar=target/phantom-mesh-perf.jar
jsa=target/phantom-mesh-perf.jsa
if [ ! -f "$jar" ] || [ ! -f "$jsa" ] || [ ! -f target/test-classpath.txt ]; then
  echo "missing $jar, $jsa or target/test-classpath.txt: run without --no-build" >&2
  exit 1
fi
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Runs a command, discarding its output; prints "wall user sys" in seconds. Any exit code of
# ours is a verdict (0, 10, 11); Gatling must exit 0.
timed() {
  local TIMEFORMAT='%R %U %S' code=0
  { time "$@" > "$out/last.out" 2>&1; } 2> "$out/last.time" || code=$?
  case "$code" in
    0 | 10 | 11) cat "$out/last.time" ;;
    *) tail -n 30 "$out/last.out" >&2; echo "failed (exit $code): $*" >&2; exit 1 ;;
  esac
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

echo "$(nproc) cores, $(java -version 2>&1 | head -n 1); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
IFS=',' read -r -a sizes <<< "$requests"
for n in "${sizes[@]}"; do
  name="bench-$n"
  folder="target/gatling/$name"
  java -Xmx256m -cp "$cp" io.phantommesh.perf.bench.DecodeBenchmark \
    --requests "$n" --generate-into "$folder"
  echo "== $n requests: $(du -m "$folder/simulation.log" | cut -f1) MB log"
  for round in $(seq 1 "$rounds"); do
    plain="$(timed java -Xmx256m -jar "$jar" report "$folder" --out "$out/p$n-$round" --quiet)"
    one="$(timed java -Xmx256m -Dphantom-mesh-perf.tuned-jvm=false -jar "$jar" report "$folder" \
      --out "$out/o$n-$round" --quiet)"
    cds="$(timed java -XX:SharedArchiveFile="$jsa" -XX:TieredStopAtLevel=1 -Xmx256m -jar "$jar" \
      report "$folder" --out "$out/c$n-$round" --quiet)"
    gatling="$(timed "${mvn[@]}" gatling:test -Dgatling.reportsOnly="$name")"
    printf '%s requests, round %s (load %s): ours %s | one JVM %s | ours+CDS %s | Gatling %s  (wall user sys, s)\n' \
      "$n" "$round" "$(cut -d' ' -f1 /proc/loadavg)" "$plain" "$one" "$cds" "$gatling"
    printf '%s requests, round %s: ratio Gatling/ours %sx, Gatling/one JVM %sx, Gatling/ours+CDS %sx\n' \
      "$n" "$round" "$(ratio "${gatling%% *}" "${plain%% *}")" "$(ratio "${gatling%% *}" "${one%% *}")" \
      "$(ratio "${gatling%% *}" "${cds%% *}")"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
