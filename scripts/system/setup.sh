#!/usr/bin/env bash
# Installs the Debian packages `npm run test:system` (and the shell checks) need, only when missing:
#   python3-docutils      /usr/bin/rst2html, on Debian's /usr/bin/python3 (the pyenv python3 first on
#                         PATH here has no docutils) -> test/system/rst.test.js
#   uwsgi-core            /usr/bin/uwsgi, Debian's build, loading its plugins from /usr/lib/uwsgi/plugins
#   uwsgi-plugin-python3  python3_plugin.so (Debian's /usr/bin/python3)
#   apache2-bin           /usr/sbin/apache2 and its modules, mod_proxy_uwsgi among them. Not `apache2`:
#                         that package adds only /etc/apache2, the a2enmod scripts and a service its
#                         postinst starts on port 80 and enables at boot; the test runs its own config
#   gunicorn              /usr/bin/gunicorn on Debian's python3
#   python3-paste, python3-pastedeploy, python3-oslo.config, python3-flask
#                         what the fixture services and the WSGI modules the scaffold writes import
#                         (paste.deploy + oslo.config for the paste form, Flask for the app factory)
#                         -> test/system/serve.test.js (scaffold, then serve under uwsgi behind Apache,
#                         as devstack's write_uwsgi_config sets it up, and under gunicorn)
#   and, for the repo's shell scripts, shellcheck (/usr/bin/shellcheck)
# `apt-get update` runs once, and only when something has to be installed. Idempotent; as root it
# needs no sudo. Nothing is left running: none of these packages starts a service (uwsgi-core's
# uwsgi-app@ systemd units are templates nothing instantiates).
set -euo pipefail

PKGS=(
  python3-docutils
  uwsgi-core uwsgi-plugin-python3 apache2-bin gunicorn
  python3-paste python3-pastedeploy python3-oslo.config python3-flask
  shellcheck
)
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
for f in /usr/bin/rst2html /usr/bin/uwsgi /usr/lib/uwsgi/plugins/python3_plugin.so /usr/sbin/apache2 \
  /usr/lib/apache2/modules/mod_proxy_uwsgi.so /usr/bin/gunicorn /usr/bin/shellcheck; do
  [ -e "$f" ] || { log "$f missing after install"; exit 1; }
done
/usr/bin/python3 -c 'import flask, oslo_config, paste.deploy, paste.urlmap' ||
  { log "Debian's /usr/bin/python3 cannot import flask, oslo_config and paste after install"; exit 1; }
