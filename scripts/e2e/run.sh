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
descendants() { # all descendant PIDs of $1 (depth first)
  local c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$c"; descendants "$c"; done
}
alive() { local p; for p in "$@"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
wait_gone() { # wait_gone SECONDS PID...: true once none of the PIDs is alive, false at the deadline
  local deadline=$(( $(date +%s) + $1 )); shift
  while alive "$@"; do [ "$(date +%s)" -lt "$deadline" ] || return 1; sleep 0.1; done
}
stop_code_server() {
  [ -n "$CS_PID" ] || return 0
  local pid=$CS_PID tree
  CS_PID=""
  # Remember its server, extension hosts, file watcher and language servers before they are
  # orphaned: code-server's SIGTERM handling leaves its file watcher running.
  tree=("$pid" $(descendants "$pid"))
  kill -TERM "$pid" 2>/dev/null || true
  wait_gone 10 "$pid" || { say "code-server $pid still running 10 s after SIGTERM: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; }
  wait "$pid" 2>/dev/null || true
  if alive "${tree[@]}"; then
    kill -TERM "${tree[@]}" 2>/dev/null || true
    wait_gone 5 "${tree[@]}" || { say "SIGKILL to code-server children that ignored SIGTERM"; kill -KILL "${tree[@]}" 2>/dev/null || true; }
  fi
}
cleanup() {
  stop_code_server
  if [ "${WSGI_GOAL_E2E_KEEP:-}" = 1 ]; then say "state kept in $STATE"; else rm -rf "$STATE"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close();});'
}

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

# make_instance NAME: private HOME/XDG, user-data-dir with settings, extensions-dir.
make_instance() {
  local dir="$STATE/$1"
  mkdir -p "$dir/home/.config" "$dir/home/.local/share" "$dir/home/.cache" "$dir/data/User" "$dir/extensions"
  cat > "$dir/data/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "npm.autoDetect": "off",
  "files.autoSave": "off"
}
JSON
  echo "$dir"
}

# cs_cmd DIR: sets CS_CMD to code-server (on Node 24) with the instance's private HOME/XDG and
# state dirs. Run as a plain command (not a function) so that `CS_CMD... &` gives code-server's PID.
cs_cmd() {
  local dir=$1
  CS_CMD=(env HOME="$dir/home" XDG_CONFIG_HOME="$dir/home/.config" XDG_DATA_HOME="$dir/home/.local/share"
    XDG_CACHE_HOME="$dir/home/.cache" PATH="$NODE24_BIN:$PATH" EXTENSIONS_GALLERY='{}'
    "$CODE_SERVER" --user-data-dir "$dir/data" --extensions-dir "$dir/extensions")
}

# start_code_server DIR LOG [extra args...]: sets PORT and CS_PID, returns once /healthz answers.
start_code_server() {
  local dir=$1 log=$2; shift 2
  PORT=$(free_port)
  printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$dir/config.yaml"
  cs_cmd "$dir"
  "${CS_CMD[@]}" --config "$dir/config.yaml" --disable-telemetry --disable-update-check --disable-workspace-trust \
      --disable-getting-started-override "$@" > "$log" 2>&1 < /dev/null &
  CS_PID=$!
  local t deadline=$(( $(date +%s) + HEALTH_DEADLINE_S ))
  t=$(date +%s%N)
  until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/healthz"; do
    if ! kill -0 "$CS_PID" 2>/dev/null; then say "code-server exited before listening; log: $log"; tail -20 "$log"; CS_PID=""; return 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then say "code-server not healthy after ${HEALTH_DEADLINE_S}s; log: $log"; tail -20 "$log"; return 1; fi
    sleep 0.1
  done
  say "code-server pid $CS_PID listening on 127.0.0.1:$PORT after $(ms_since "$t") ms"
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
