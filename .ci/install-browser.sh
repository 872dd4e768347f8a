#!/usr/bin/env bash
# Installs the headless browser the browser tests open report.html and reports/index.html in
# (HtmlReportBrowserTest, EndToEndRunTest, RunIndexBrowserTest): Debian's `chromium` package.
# Idempotent and quiet; always exits 0: when the Debian archive is unreachable or this is not root,
# it says so; the browser tests then skip with that reason, except with CI=true, where they fail.
#
# The test looks for `chromium`, then `chromium-browser`, then `google-chrome` on PATH, or for the
# command named by PHANTOM_CHROMIUM.
set -uo pipefail

say() { echo "install-browser: $*"; }

for candidate in ${PHANTOM_CHROMIUM:-} chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then
    say "$candidate already installed ($(command -v "$candidate"))"
    exit 0
  fi
done

if ! command -v apt-get >/dev/null 2>&1; then
  say "no apt-get here: chromium not installed; the browser test will be skipped"
  exit 0
fi

sudo=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    say "not root and no password-less sudo: chromium not installed; the browser test will be skipped"
    exit 0
  fi
fi

if ! timeout 300 "${sudo[@]}" apt-get update -qq >/dev/null 2>&1; then
  say "apt-get update failed (Debian archive unreachable?): chromium not installed; the browser test will be skipped"
  exit 0
fi
# fonts-dejavu-core: text in the screenshot renders with real glyphs instead of boxes.
if timeout 900 "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1; then
  say "installed chromium from Debian ($(command -v chromium))"
else
  say "apt-get install chromium failed; the browser test will be skipped"
fi
exit 0
