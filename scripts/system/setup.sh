#!/usr/bin/env bash
# Installs the Debian packages `npm run test:system` needs, only when missing:
#   python3-docutils  /usr/bin/rst2html, on Debian's /usr/bin/python3 (the pyenv python3 first on
#                     PATH here has no docutils) -> test/system/rst.test.js
# `apt-get update` runs once, and only when something has to be installed. Idempotent.
set -euo pipefail

PKGS=(python3-docutils)
log() { echo "[system-setup] $*" >&2; }

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=()
  [ "$(id -u)" = 0 ] || SUDO=(sudo)
  log "installing Debian packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages present: ${PKGS[*]}"
fi
[ -x /usr/bin/rst2html ] || { log "/usr/bin/rst2html missing after install"; exit 1; }
