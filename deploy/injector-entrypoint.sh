#!/usr/bin/env bash
# Runs one injector of a distributed run (a pod of the Indexed Job phantom-injectors).
#
# Injector <PHANTOM_INJECTOR_INDEX> of <PHANTOM_INJECTOR_COUNT> runs the load model $SIMULATION
# with 1/COUNT of every rate, then copies its Gatling run folder to
#   $RESULTS_ROOT/$PHANTOM_RUN_ID/injector-<index>/<gatling-run-folder>/
# Gatling writes to the container's own disk during the run and the folder is copied once at
# the end, so the injector's hot path never waits on network storage.
#
# Exit status: 0 when the run produced a simulation.log, including when Gatling's assertions
# missed on this shard (one shard carries 1/N of the load; the merged result decides the verdict,
# and failing here would make Kubernetes kill every other shard, backoffLimit being 0).
# Otherwise Maven's status (build or preflight failure), or 2 for a bad environment.
#
# Environment: SIMULATION (class, short or fully qualified), PHANTOM_INJECTOR_INDEX,
# PHANTOM_INJECTOR_COUNT, PHANTOM_TARGET_BASE_URL, PHANTOM_API_TOKEN, PHANTOM_RUN_ID (required);
# PERF_CONF (settings overlay, default /etc/phantom-perf/perf.conf), RESULTS_ROOT (/results),
# PROJECT_DIR (/opt/phantom-mesh-perf), MAVEN_REPO (/opt/m2), MAVEN_OFFLINE (true),
# PHANTOM_PERF_FLAGS (extra -Dphantom.* flags, space-separated).
set -euo pipefail

fail() {
  echo "injector-entrypoint: $*" >&2
  exit 2
}

: "${SIMULATION:?SIMULATION is not set: name a load model, e.g. RampUpSimulation}"
: "${PHANTOM_RUN_ID:?PHANTOM_RUN_ID is not set: the pod annotation perf.phantommesh.io/run-id is missing}"
: "${PHANTOM_INJECTOR_COUNT:?PHANTOM_INJECTOR_COUNT is not set: it must equal the completions of the Job}"
: "${PHANTOM_INJECTOR_INDEX:?PHANTOM_INJECTOR_INDEX is not set: run as an Indexed Job (completionMode: Indexed)}"
: "${PHANTOM_TARGET_BASE_URL:?PHANTOM_TARGET_BASE_URL is not set: a distributed run needs a real target}"

PERF_CONF=${PERF_CONF:-/etc/phantom-perf/perf.conf}
RESULTS_ROOT=${RESULTS_ROOT:-/results}
PROJECT_DIR=${PROJECT_DIR:-/opt/phantom-mesh-perf}
MAVEN_REPO=${MAVEN_REPO:-/opt/m2}
MAVEN_OFFLINE=${MAVEN_OFFLINE:-true}

if ! [[ $PHANTOM_INJECTOR_COUNT =~ ^[1-9][0-9]*$ ]]; then
  fail "PHANTOM_INJECTOR_COUNT must be an integer >= 1, was '$PHANTOM_INJECTOR_COUNT'"
fi
if ! [[ $PHANTOM_INJECTOR_INDEX =~ ^[0-9]+$ ]] || ((PHANTOM_INJECTOR_INDEX >= PHANTOM_INJECTOR_COUNT)); then
  fail "PHANTOM_INJECTOR_INDEX must be in 0..$((PHANTOM_INJECTOR_COUNT - 1)), was '$PHANTOM_INJECTOR_INDEX'"
fi
if ! [[ $PHANTOM_RUN_ID =~ ^[A-Za-z0-9._-]+$ ]]; then
  fail "PHANTOM_RUN_ID may hold only letters, digits, '.', '_' and '-', was '$PHANTOM_RUN_ID'"
fi
if ! [[ $SIMULATION =~ ^[A-Za-z_][A-Za-z0-9_.]*$ ]]; then
  fail "SIMULATION must be a Java class name, was '$SIMULATION'"
fi
[[ $SIMULATION == *.* ]] || SIMULATION="io.phantommesh.perf.simulation.$SIMULATION"
[[ -f $PERF_CONF ]] || fail "settings overlay $PERF_CONF not found: is ConfigMap phantom-perf-settings mounted?"

shard_dir="$RESULTS_ROOT/$PHANTOM_RUN_ID/injector-$PHANTOM_INJECTOR_INDEX"
if [[ -d $shard_dir ]] && [[ -n $(ls -A "$shard_dir") ]]; then
  fail "$shard_dir already holds results: run ids must not be reused (run-distributed.sh makes a fresh one)"
fi
mkdir -p "$shard_dir"

mvn_args=(-B)
[[ $MAVEN_OFFLINE == true ]] && mvn_args+=(--offline)
mvn_args+=(
  "-Dmaven.repo.local=$MAVEN_REPO"
  gatling:test
  "-Dgatling.simulationClass=$SIMULATION"
  -Dgatling.noReports=true
  "-Dconfig.file=$PERF_CONF"
)
if [[ -n ${PHANTOM_PERF_FLAGS:-} ]]; then
  read -r -a extra <<<"$PHANTOM_PERF_FLAGS"
  for flag in "${extra[@]}"; do
    [[ $flag == -Dphantom.* ]] || fail "PHANTOM_PERF_FLAGS takes -Dphantom.* flags only, got '$flag'"
    mvn_args+=("$flag")
  done
fi

echo "injector $PHANTOM_INJECTOR_INDEX/$PHANTOM_INJECTOR_COUNT: $SIMULATION -> $PHANTOM_TARGET_BASE_URL (run $PHANTOM_RUN_ID)"
cd "$PROJECT_DIR"
set +e
mvn "${mvn_args[@]}" 2>&1 | tee "$shard_dir/maven.log"
status=${PIPESTATUS[0]}
set -e
echo "$status" >"$shard_dir/maven-exit-code"

copied=0
for run_folder in target/gatling/*/; do
  if [[ -f $run_folder/simulation.log ]]; then
    cp -R "${run_folder%/}" "$shard_dir/"
    copied=$((copied + 1))
  fi
done

if ((copied == 0)); then
  echo "injector-entrypoint: no Gatling run folder with a simulation.log under $PROJECT_DIR/target/gatling (Maven exit $status); see $shard_dir/maven.log" >&2
  exit $((status == 0 ? 2 : status))
fi
if ((status != 0)); then
  if grep -q 'Gatling simulation assertions failed' "$shard_dir/maven.log"; then
    echo "injector $PHANTOM_INJECTOR_INDEX: Gatling assertions missed on this 1/$PHANTOM_INJECTOR_COUNT shard; the merged result decides the verdict"
    exit 0
  fi
  echo "injector-entrypoint: Maven failed (exit $status) after the run started; see $shard_dir/maven.log" >&2
  exit "$status"
fi
echo "injector $PHANTOM_INJECTOR_INDEX: shard written to $shard_dir"
