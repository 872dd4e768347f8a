#!/usr/bin/env bash
# Installs what bench/injector-capacity.sh needs beyond Java and Maven, from Debian packages.
# Idempotent: does nothing when every tool is there; otherwise `apt-get update` first, then one
# `apt-get install`.
#
#   wrk 4.1.0  the capacity reference (closed loop) and, with bench/paced-mix.lua, the
#              constant-rate reference. Debian's wrk is built on LuaJIT, whose FFI gives the Lua
#              script a monotonic clock. (wrk2 is not packaged in Debian; it is not built here.)
#   jq         reads the suite's result.json
#   curl       checks the service is up
#   procps     uptime / load average, noted with every benchmark
set -euo pipefail

say() { echo "install-tools: $*"; }

wanted=()
command -v wrk >/dev/null 2>&1 || wanted+=(wrk)
command -v jq >/dev/null 2>&1 || wanted+=(jq)
command -v curl >/dev/null 2>&1 || wanted+=(curl)
command -v uptime >/dev/null 2>&1 || wanted+=(procps)
if ((${#wanted[@]} == 0)); then
  say "wrk, jq, curl and uptime already installed ($(wrk --version 2>&1 | head -1))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  say "no apt-get here: install ${wanted[*]} by hand" >&2
  exit 1
fi
SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  SUDO=(sudo)
fi
say "installing ${wanted[*]}"
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
say "done: $(wrk --version 2>&1 | head -1)"
