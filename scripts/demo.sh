#!/usr/bin/env bash
# `npm run demo`: the real VS Code in the browser (code-server, as the end-to-end tests run it) on
# 127.0.0.1 with the extension installed from a fresh .vsix and a sample multi-repo workspace — one
# repo done (watcher), one half done (zun), one not started (designate), one without an API
# (networking-lark), and a devstack checkout with the nova it deploys. Prints the URL; Ctrl+C stops
# code-server (by its PID and its children's) and removes the temporary state.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
FIXTURES="$REPO/test/fixtures/repos"
VSIX="$REPO/wsgi-goal-$(node -p 'require("./package.json").version').vsix"
HEALTH_DEADLINE_S=${WSGI_GOAL_E2E_HEALTH_DEADLINE_S:-60}
say() { echo "[demo] $*"; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

say "installing code-server and Node 24 when missing (scripts/e2e/setup.sh; the first time takes a few minutes)"
SETUP_OUT=$(bash "$REPO/scripts/e2e/setup.sh")
kv() { sed -n "s/^$1=//p" <<<"$SETUP_OUT" | tail -1; }
NODE24_BIN=$(kv E2E_NODE24_BIN)
CODE_SERVER=$(kv E2E_CODE_SERVER)
[ -x "$CODE_SERVER" ] && [ -x "$NODE24_BIN/node" ] || { say "setup.sh did not report code-server / Node 24"; exit 1; }

say "building and packaging the extension"
npm run --silent build
npm run --silent package >/dev/null

STATE=$(mktemp -d "${TMPDIR:-/tmp}/wsgi-goal-demo.XXXXXX")
CS_PID=""
# shellcheck source=scripts/e2e/code-server-lib.sh
source "$REPO/scripts/e2e/code-server-lib.sh"
cleanup() {
  stop_code_server
  rm -rf "$STATE"
  say "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

WS="$STATE/workspace"
mkdir -p "$WS"
cp -R "$FIXTURES/module-path-2025" "$WS/watcher"
cp -R "$FIXTURES/lazy-factory-etc-config" "$WS/zun"
cp -R "$FIXTURES/paste-console-script-standalone" "$WS/designate"
cp -R "$FIXTURES/networking-plugin-starts-neutron" "$WS/networking-lark"
cp -R "$FIXTURES/core-service-in-devstack/devstack" "$WS/devstack"
cp -R "$FIXTURES/core-service-in-devstack/nova" "$WS/nova"

dir=$(make_instance demo)
cs_cmd "$dir"
"${CS_CMD[@]}" --install-extension "$VSIX" > "$STATE/install-vsix.log" 2>&1 || { say "installing $VSIX failed:"; cat "$STATE/install-vsix.log"; exit 1; }
start_code_server "$dir" "$STATE/code-server.log"
say "open http://127.0.0.1:$PORT/?folder=$WS"
say "Ctrl+C stops it"
wait "$CS_PID"
