#!/usr/bin/env bash
# Merges the shards of a distributed run (the pod of Job phantom-merge).
#
# 1. Reads Job $INJECTOR_JOB through the Kubernetes API (RBAC: get jobs) and refuses to merge
#    unless every completion index succeeded; takes N (spec.completions) and the run id (pod
#    template annotation perf.phantommesh.io/run-id) from it.
# 2. Finds exactly one Gatling run folder (holding simulation.log) per injector-<i>/, i < N.
# 3. Records where each injector pod ran (RBAC: list pods) in merged/injectors.tsv, and warns
#    when two injectors shared a node.
# 4. Runs `java -jar phantom-mesh-perf.jar report --run-id <run-id> <N run folders> --out <run>/merged`
#    and writes its exit status to merged/exit-code (0 PASS, 10 WARNING, 11 CRITICAL, 2 unusable
#    input). The result lands in merged/<run-id>/ (result.json, report.md, junit.xml, the merged
#    simulation.log and Gatling's HTML report under gatling/<run-id>/), with merged/index.html.
#    Gatling is not in the jar: the report CLI asks Maven, offline, for the project's test class
#    path (--project-dir $PROJECT_DIR) and renders the HTML with Gatling's reports-only mode.
# 5. Waits up to HOLD_SECONDS for merged/.collected (touched by run-distributed.sh after its
#    kubectl cp, which needs a running pod), then ends.
#
# Exit status: 0 when a verdict was produced (PASS, WARNING or CRITICAL: the verdict travels in
# merged/exit-code and result.json, not in the Job's status); 2 when the run cannot be merged;
# the CLI's own status otherwise.
#
# Environment: INJECTOR_JOB (phantom-injectors), PERF_CONF (/etc/phantom-perf/perf.conf),
# RESULTS_ROOT (/results), PROJECT_DIR (/opt/phantom-mesh-perf), MAVEN_REPO (/opt/m2),
# MAVEN_OFFLINE (true), HOLD_SECONDS (900),
# KUBE_API (https://kubernetes.default.svc), SA_DIR (the mounted ServiceAccount folder).
set -euo pipefail

INJECTOR_JOB=${INJECTOR_JOB:-phantom-injectors}
PERF_CONF=${PERF_CONF:-/etc/phantom-perf/perf.conf}
RESULTS_ROOT=${RESULTS_ROOT:-/results}
PROJECT_DIR=${PROJECT_DIR:-/opt/phantom-mesh-perf}
MAVEN_REPO=${MAVEN_REPO:-/opt/m2}
MAVEN_OFFLINE=${MAVEN_OFFLINE:-true}
HOLD_SECONDS=${HOLD_SECONDS:-900}
KUBE_API=${KUBE_API:-https://kubernetes.default.svc}
SA_DIR=${SA_DIR:-/var/run/secrets/kubernetes.io/serviceaccount}

fail() {
  echo "merge-entrypoint: $*" >&2
  exit 2
}

[[ -r $SA_DIR/token ]] || fail "no ServiceAccount token in $SA_DIR: the merge pod needs automountServiceAccountToken: true"
namespace=$(<"$SA_DIR/namespace")

# GET on the API server with the pod's own token; prints the JSON body.
api_get() {
  curl --silent --show-error --fail --max-time 20 \
    --cacert "$SA_DIR/ca.crt" \
    --header "Authorization: Bearer $(<"$SA_DIR/token")" \
    "$KUBE_API$1"
}

job_json=$(api_get "/apis/batch/v1/namespaces/$namespace/jobs/$INJECTOR_JOB") ||
  fail "cannot read Job $namespace/$INJECTOR_JOB (not created yet, or Role phantom-perf-merge missing)"
count=$(jq -r '.spec.completions // 0' <<<"$job_json")
succeeded=$(jq -r '.status.succeeded // 0' <<<"$job_json")
run_id=$(jq -r '.spec.template.metadata.annotations["perf.phantommesh.io/run-id"] // empty' <<<"$job_json")
[[ -n $run_id ]] || fail "Job $INJECTOR_JOB has no pod annotation perf.phantommesh.io/run-id"
if ((count < 1 || succeeded != count)); then
  fail "Job $INJECTOR_JOB is not complete ($succeeded of $count injectors succeeded): apply the merge only after 'kubectl -n $namespace wait --for=condition=complete job/$INJECTOR_JOB'"
fi

run_dir="$RESULTS_ROOT/$run_id"
run_folders=()
for ((i = 0; i < count; i++)); do
  found=()
  for candidate in "$run_dir/injector-$i"/*/; do
    [[ -f ${candidate}simulation.log ]] && found+=("${candidate%/}")
  done
  if ((${#found[@]} != 1)); then
    fail "expected one Gatling run folder with a simulation.log in $run_dir/injector-$i, found ${#found[@]}"
  fi
  run_folders+=("${found[0]}")
done

merged="$run_dir/merged"
mkdir -p "$merged"

# Placement is informative only: a failure to list pods must not void a finished run.
selector="job-name%3D$INJECTOR_JOB"
placement_filter='.items[] | [(.metadata.annotations["batch.kubernetes.io/job-completion-index"] // "?"),
                                .metadata.name, (.spec.nodeName // "?")] | @tsv'
if pods_json=$(api_get "/api/v1/namespaces/$namespace/pods?labelSelector=$selector") &&
  placement=$(jq -r "$placement_filter" <<<"$pods_json" | sort -n); then
  printf '%s\n' "$placement" >"$merged/injectors.tsv"
  shared=$(cut -f3 "$merged/injectors.tsv" | sort | uniq -d | paste -sd, -)
  if [[ -n $shared ]]; then
    echo "merge-entrypoint: WARNING: several injectors ran on node(s) $shared; they shared CPU and network" >&2
  fi
else
  echo "merge-entrypoint: could not list the injector pods; merged/injectors.tsv not written" >&2
fi

# The merged Gatling HTML report: Gatling's class path from the image's Maven repository.
html_args=(--project-dir "$PROJECT_DIR" "--maven-arg=-Dmaven.repo.local=$MAVEN_REPO")
[[ $MAVEN_OFFLINE == true ]] && html_args+=(--maven-arg=--offline)

echo "merging run $run_id: ${#run_folders[@]} shards -> $merged/$run_id"
set +e
java "-Dconfig.file=$PERF_CONF" -jar "$PROJECT_DIR/target/phantom-mesh-perf.jar" \
  report --run-id "$run_id" "${html_args[@]}" "${run_folders[@]}" --out "$merged"
status=$?
set -e
echo "$status" >"$merged/exit-code"
case $status in
  0) echo "verdict: PASS" ;;
  10) echo "verdict: WARNING" ;;
  11) echo "verdict: CRITICAL" ;;
  *) echo "merge-entrypoint: the report CLI failed with exit $status" >&2 ;;
esac

echo "waiting up to ${HOLD_SECONDS}s for $merged/.collected"
for ((waited = 0; waited < HOLD_SECONDS; waited += 2)); do
  [[ -e $merged/.collected ]] && break
  sleep 2
done

case $status in
  0 | 10 | 11) exit 0 ;;
  *) exit "$status" ;;
esac
