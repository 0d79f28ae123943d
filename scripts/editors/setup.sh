#!/usr/bin/env bash
# Installs the editors that `npm run test:editors` drives, from Debian's packages, only when missing:
#   neovim      (Debian 12: 0.7.2)   -> test/editors/neovim.test.js
#   emacs-nox   (Debian 12: 28.2)    -> test/editors/eglot.test.js
#   elpa-eglot  (Debian 12: 1.9)
# `apt-get update` runs once, and only when something has to be installed. Idempotent.
set -euo pipefail

PKGS=(neovim emacs-nox elpa-eglot)
log() { echo "[editors-setup] $*" >&2; }

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  SUDO=()
  if [ "$(id -u)" != 0 ]; then SUDO=(sudo); fi
  log "installing Debian packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages present: ${PKGS[*]}"
fi

command -v nvim >/dev/null || { log "nvim not on PATH after install"; exit 1; }
command -v emacs >/dev/null || { log "emacs not on PATH after install"; exit 1; }
log "$(nvim --version | head -1); $(emacs --version | head -1); eglot $(dpkg-query -W -f='${Version}' elpa-eglot)"
