#!/usr/bin/env bash
# End-to-end run of wsgi-goal in a real VS Code workbench (code-server + headless Chromium):
#   (a) the extension-host mocha suite (test/e2e/suite), loaded from the repository through the
#       workbench payload (code-server started with the smoke-test driver);
#   (b) the UI walk-through (test/e2e/ui.js) against the packaged .vsix installed into code-server.
# Each suite gets its own code-server, state directory and fresh copy of the fixture workspace.
# Output: screenshots in test-results/, logs and JSON results in test-results/e2e/, and a closing
# line "N passed, N failed" summing both suites. Exit status is non-zero if anything failed.
#
# Environment:
#   WSGI_GOAL_E2E_SKIP_BUILD=1   dist/ and the .vsix are already built: skip `npm run build && npm run package`
#   WSGI_GOAL_E2E_KEEP=1         keep the temporary state directory (printed at the end)
#   WSGI_GOAL_E2E_ONLY=ext|ui    run only one suite
#   WSGI_GOAL_E2E_CACHE=DIR      where Node 24 and code-server are installed (default ~/.cache/wsgi-goal-e2e);
#                                an empty DIR proves the cold path of a fresh machine
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
RESULTS="$REPO/test-results"
OUT="$RESULTS/e2e"
VSIX="$REPO/wsgi-goal-$(node -p 'require("./package.json").version').vsix"
FIXTURES="$REPO/test/fixtures/repos"
HEALTH_DEADLINE_S=${WSGI_GOAL_E2E_HEALTH_DEADLINE_S:-60}
ONLY=${WSGI_GOAL_E2E_ONLY:-}

T_ALL=$(date +%s%N)
TIMINGS=()
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
timed() { # timed LABEL CMD...: runs CMD, records its duration, keeps its exit status
  local label=$1 t rc=0; shift
  t=$(date +%s%N)
  "$@" || rc=$?
  TIMINGS+=("$label: $(ms_since "$t") ms (exit $rc)")
  return $rc
}
say() { echo "[e2e] $*"; }
# A run that cannot get as far as the suites still ends with the summary line.
fatal() { say "$*"; echo "0 passed, 1 failed"; exit 1; }

# --- 0. results folder: only what this script writes is replaced -------------------------------
mkdir -p "$RESULTS"
rm -rf "$OUT"
rm -f "$RESULTS"/[0-9][0-9]-*.png "$RESULTS"/FAILED-ui-*.png
mkdir -p "$OUT"

# --- 1. toolchain (cached per user) ------------------------------------------------------------
t=$(date +%s%N)
SETUP_OUT=$(bash "$REPO/scripts/e2e/setup.sh") || fatal "scripts/e2e/setup.sh failed"
TIMINGS+=("setup: $(ms_since "$t") ms")
printf '%s\n' "$SETUP_OUT" > "$OUT/setup.txt"
kv() { sed -n "s/^$1=//p" <<<"$SETUP_OUT" | tail -1; }
NODE24_BIN=$(kv E2E_NODE24_BIN)
CODE_SERVER=$(kv E2E_CODE_SERVER)
CHROMIUM=$(kv E2E_CHROMIUM)
[ -x "$CODE_SERVER" ] && [ -x "$NODE24_BIN/node" ] || fatal "setup.sh did not report code-server / Node 24"
export WSGI_GOAL_E2E_CHROMIUM="$CHROMIUM"

# --- 2. the extension and the suite ------------------------------------------------------------
if [ "${WSGI_GOAL_E2E_SKIP_BUILD:-}" != 1 ]; then
  timed build npm run --silent build || fatal "npm run build failed"
  timed package npm run --silent package || fatal "npm run package failed"
fi
for f in dist/client.js dist/server.js "$VSIX"; do
  [ -f "$f" ] || fatal "missing $f: run \`npm run build && npm run package\` first"
done
timed tsc-e2e npx tsc -p test/e2e || fatal "compiling test/e2e failed"

# --- 3. isolated state, code-server lifecycle ---------------------------------------------------
STATE=$(mktemp -d "${TMPDIR:-/tmp}/wsgi-goal-e2e.XXXXXX")
CS_PID=""
# shellcheck source=scripts/e2e/code-server-lib.sh
source "$REPO/scripts/e2e/code-server-lib.sh"
cleanup() {
  stop_code_server
  if [ "${WSGI_GOAL_E2E_KEEP:-}" = 1 ]; then say "state kept in $STATE"; else rm -rf "$STATE"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A fresh workspace: designate (not compliant), watcher (compliant) and networking-lark (a neutron
# plugin, no API of its own), copied from the fixtures.
make_workspace() {
  local ws=$1
  mkdir -p "$ws"
  cp -R "$FIXTURES/paste-console-script-standalone" "$ws/designate"
  cp -R "$FIXTURES/module-path-2025" "$ws/watcher"
  cp -R "$FIXTURES/networking-plugin-starts-neutron" "$ws/networking-lark"
  cp "$REPO"/test/e2e/workspace-extra/* "$ws/"
}

keep_logs() { # keep_logs DIR NAME: server-side VS Code logs (extension host, language server output)
  [ -d "$1/data/logs" ] && cp -R "$1/data/logs" "$OUT/logs-$2" || true
}

# The drivers (Node 20 + Chromium) get a private HOME too: Chromium writes crash-report and dconf
# state under HOME even with its own profile directory.
driver() {
  local h="$STATE/driver-home"
  mkdir -p "$h/.config" "$h/.cache"
  env HOME="$h" XDG_CONFIG_HOME="$h/.config" XDG_CACHE_HOME="$h/.cache" TMPDIR="$STATE" node "$@"
}

EXT_RC=0 UI_RC=0

# --- 4a. extension-host suite (extension loaded from the repo via extensionDevelopmentPath) -----
run_ext_suite() {
  local dir; dir=$(make_instance ext)
  make_workspace "$STATE/ws-ext"
  start_code_server "$dir" "$OUT/code-server-ext.log" --vscode-option enable-smoke-test-driver || return 1
  WSGI_GOAL_E2E_URL="http://127.0.0.1:$PORT" WSGI_GOAL_E2E_WORKSPACE="$STATE/ws-ext" \
    WSGI_GOAL_E2E_RESULTS="$OUT/ext-host-results.json" WSGI_GOAL_E2E_OUT="$OUT" WSGI_GOAL_E2E_EXT_PATH="$REPO" \
    driver test/e2e/ext-host.js 2>&1 | tee "$OUT/ext-host.log"
  local rc=${PIPESTATUS[0]}
  stop_code_server
  keep_logs "$dir" ext-host
  return "$rc"
}

# --- 4b. UI walk-through (the packaged .vsix, installed the way a user would) -------------------
run_ui_suite() {
  local dir; dir=$(make_instance ui)
  make_workspace "$STATE/ws-ui"
  cs_cmd "$dir"
  "${CS_CMD[@]}" --install-extension "$VSIX" > "$OUT/install-vsix.log" 2>&1 || { say "installing $VSIX failed:"; cat "$OUT/install-vsix.log"; return 1; }
  start_code_server "$dir" "$OUT/code-server-ui.log" || return 1
  WSGI_GOAL_E2E_URL="http://127.0.0.1:$PORT" WSGI_GOAL_E2E_WORKSPACE="$STATE/ws-ui" \
    WSGI_GOAL_E2E_RESULTS="$OUT/ui-results.json" WSGI_GOAL_E2E_SHOTS="$RESULTS" \
    driver test/e2e/ui.js 2>&1 | tee "$OUT/ui.log"
  local rc=${PIPESTATUS[0]}
  stop_code_server
  keep_logs "$dir" ui
  return "$rc"
}

if [ "$ONLY" != ui ]; then timed ext-host-suite run_ext_suite || EXT_RC=$?; fi
if [ "$ONLY" != ext ]; then timed ui-suite run_ui_suite || UI_RC=$?; fi

# --- 5. summary ---------------------------------------------------------------------------------
TIMINGS+=("total: $(ms_since "$T_ALL") ms")
printf '%s\n' "${TIMINGS[@]}" > "$OUT/timings.txt"
say "timings:"; sed 's/^/[e2e]   /' "$OUT/timings.txt"
SUMMARY=$(ONLY="$ONLY" node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  const files = { ext: process.argv[1], ui: process.argv[2] };
  for (const [k, f] of Object.entries(files)) {
    if (process.env.ONLY && process.env.ONLY !== k) continue;
    let r;
    try { r = JSON.parse(fs.readFileSync(f, "utf8")); } catch { r = undefined; }
    if (!r) { failed += 1; console.error(`[e2e] ${k}: no results file (${f}): counted as 1 failure`); continue; }
    passed += r.passed | 0; failed += r.failed | 0;
    for (const t of r.tests || []) if (t.state === "failed") console.error(`[e2e] FAILED ${k}: ${t.title}: ${String(t.error || "").split("\n")[0]}`);
  }
  process.stdout.write(`${passed} ${failed}`);
' "$OUT/ext-host-results.json" "$OUT/ui-results.json")
read -r PASSED FAILED <<<"$SUMMARY"
if [ "$EXT_RC" != 0 ] || [ "$UI_RC" != 0 ]; then [ "$FAILED" -gt 0 ] || FAILED=1; fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
