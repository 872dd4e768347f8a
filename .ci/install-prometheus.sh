#!/usr/bin/env bash
# Installs the Prometheus server that the live monitor's scrape test (LivePrometheusScrapeTest)
# starts on loopback: Debian's `prometheus` package. Idempotent and quiet; always exits 0 and says
# why when it could not install. The test itself fails (never skips) under CI=true when the binary
# is missing, so a failed install here shows up there.
#
# The Debian package would start a system-wide service on :9090 (and pulls in node-exporter's
# service on :9100); the test starts its own server with its own config and data folder on a free
# port, so the services are kept from starting (policy-rc.d) and stopped if they run anyway.
set -uo pipefail

say() { echo "install-prometheus: $*"; }

if command -v prometheus >/dev/null 2>&1; then
  say "prometheus already installed ($(command -v prometheus))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  say "no apt-get here: prometheus not installed"
  exit 0
fi
sudo=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    say "not root and no password-less sudo: prometheus not installed"
    exit 0
  fi
fi

# Keep Debian's maintainer scripts from starting any service during this install.
policy=/usr/sbin/policy-rc.d
own_policy=false
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  own_policy=true
fi
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() { if [[ "$own_policy" == true ]]; then "${sudo[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT

if ! timeout 300 "${sudo[@]}" apt-get update -qq >/dev/null 2>&1; then
  say "apt-get update failed (Debian archive unreachable?): prometheus not installed"
  exit 0
fi
if ! timeout 900 "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1; then
  say "apt-get install prometheus failed: not installed"
  exit 0
fi
# Should a service have started anyway (systemd's deb-systemd-invoke may not ask policy-rc.d),
# stop it and keep it from starting at boot.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  "${sudo[@]}" systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
if command -v service >/dev/null 2>&1; then
  "${sudo[@]}" service prometheus stop >/dev/null 2>&1 || true
fi
say "installed $(prometheus --version 2>&1 | head -1)"
exit 0
