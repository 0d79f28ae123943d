#!/usr/bin/env bash
# What devstack's `write_uwsgi_config <conf> <module> <url> "" <name>` writes (openstack/devstack
# lib/apache; the module-path form with a name, devstack b6613b1e), written anew for
# test/system/serve.test.js (see ../shared/design/domain.md §2.1 and §3): the uWSGI INI with
# devstack's keys, and the Apache site line that proxies <url> to the INI's unix socket.
#
#   bash test/system/devstack-uwsgi.sh <conf> <module-or-file> <url> "" <name>
#   (or source this file and call write_uwsgi_config with the same arguments)
#
# Settings, from the environment, with devstack's values as defaults:
#   API_WORKERS      uwsgi `processes` (stackrc: max(2, nproc/4))
#   WORKER_TIMEOUT   uwsgi `worker-reload-mercy` (stackrc: 80)
#   UWSGI_RUN_DIR    where <name>.socket goes (devstack: /var/run/uwsgi, made by tmpfiles.d)
#   APACHE_SITE_DIR  where the Apache site <name>.conf goes (apache_site_config_for on Debian:
#                    /etc/apache2/sites-available); the caller enables it and (re)starts Apache.
# Only the Apache-proxy form: a non-empty <http> (uWSGI's own HTTP router, nova metadata) is refused.

write_uwsgi_config() {
  local conf=$1 wsgi=$2 url=$3 http=$4 name=${5:-}
  local workers=${API_WORKERS:-$(($(nproc) / 4 > 2 ? $(nproc) / 4 : 2))}
  local mercy=${WORKER_TIMEOUT:-80}
  local run_dir=${UWSGI_RUN_DIR:-/var/run/uwsgi}
  local site_dir=${APACHE_SITE_DIR:-/etc/apache2/sites-available}

  if [[ -n $http ]]; then
    echo "write_uwsgi_config: only the Apache proxy form (an empty <http>) is modelled here, not http = $http" >&2
    return 2
  fi
  # The name of the socket and the Apache site; without one, devstack falls back to the basename.
  [[ -n $name ]] || name=$(basename "$wsgi")
  local socket=$run_dir/$name.socket
  local site=$site_dir/$name.conf

  # devstack starts from an empty file: whatever was at <conf> before is gone.
  rm -rf "$conf"
  mkdir -p "$(dirname "$conf")" "$run_dir" "$site_dir"
  {
    echo '[uwsgi]'
    if [[ $wsgi =~ ^[a-zA-Z0-9_.]+:[a-zA-Z0-9_]+$ ]]; then
      echo "module = $wsgi"
    else
      echo "Configuring uWSGI with a WSGI file is deprecated, use module paths instead" >&2
      echo "wsgi-file = $wsgi"
    fi
    echo "processes = $workers"
    echo 'master = true'
    # SIGTERM stops uWSGI (systemd stop) instead of reloading it; SIGHUP reloads without exiting.
    echo 'die-on-term = true'
    echo 'exit-on-reload = false'
    echo "worker-reload-mercy = $mercy"
    # The app's own threads (oslo.messaging heartbeats) run only with the GIL set up for threads.
    echo 'enable-threads = true'
    # Debian's uwsgi-core is modular like Ubuntu's: http_plugin.so and python3_plugin.so (from
    # uwsgi-plugin-python3) sit in /usr/lib/uwsgi/plugins, so devstack's value loads as it is.
    echo 'plugins = http,python3'
    echo 'thunder-lock = true'
    echo 'hook-master-start = unix_signal:15 gracefully_kill_them_all'
    echo 'buffer-size = 65535'
    echo 'add-header = Connection: close'
    # Each worker builds the application after the fork: nothing it opens is shared.
    echo 'lazy-apps = true'
    echo 'start-time = %t'
    echo "socket = $socket"
    echo 'chmod-socket = 666'
  } >"$conf"
  echo "ProxyPass \"$url\" \"unix:$socket|uwsgi://uwsgi-uds-$name\" retry=0 acquire=1" >>"$site"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  if (($# != 5)); then
    echo "usage: $0 <conf> <module-or-file> <url> \"\" <name>" >&2
    exit 2
  fi
  write_uwsgi_config "$@"
fi
