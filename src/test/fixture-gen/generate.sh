#!/usr/bin/env bash
# Regenerates the committed fixture logs: one real run of the fixture simulation per Gatling
# version, each copied untouched to src/test/resources/fixtures/gatling-<version>/simulation.log.
#
#   src/test/fixture-gen/generate.sh [version ...]    (default: every supported version's fixture)
#
# Needs Maven and the network to Maven Central for versions not yet in the local repository. Each
# run is a few seconds against a JDK HTTP server on 127.0.0.1 that the simulation starts itself.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
versions=("$@")
if [ ${#versions[@]} -eq 0 ]; then
  versions=(3.14.9 3.15.1 3.16.0)
fi
runs="$(mktemp -d)"
trap 'rm -rf "$runs"' EXIT
for version in "${versions[@]}"; do
  out="$runs/$version"
  mkdir -p "$out"
  echo "Gatling $version: running the fixture simulation"
  mvn -B -q -f "$here/pom.xml" clean gatling:test \
    -Dgatling.version="$version" -Dfixture.results="$out" > "$out.out" 2>&1 || {
    tail -n 60 "$out.out"
    echo "Gatling $version: run failed" >&2
    exit 1
  }
  logs=("$out"/*/simulation.log)
  if [ ${#logs[@]} -ne 1 ] || [ ! -s "${logs[0]}" ]; then
    echo "Gatling $version: expected one non-empty simulation.log under $out" >&2
    exit 1
  fi
  dest="$root/src/test/resources/fixtures/gatling-$version"
  mkdir -p "$dest"
  cp "${logs[0]}" "$dest/simulation.log"
  echo "Gatling $version: $(wc -c < "$dest/simulation.log") bytes -> ${dest#"$root"/}/simulation.log"
done
