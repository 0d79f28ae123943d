// What devstack's goal-relevant functions and variables do, for hovers in devstack shell files
// and local.conf. Facts from devstack's lib/apache, functions-common and stackrc (domain.md §2).

export const DEVSTACK_FUNCTIONS: Record<string, string> = {
  write_uwsgi_config: `**write_uwsgi_config** *conf wsgi url http name* — writes a uwsgi ini and, unless *http* is given, an Apache site proxying *url* to the unix socket \`/var/run/uwsgi/<name>.socket\`.

- New form (devstack 2023-12+): \`write_uwsgi_config "$X_UWSGI_CONF" "pkg.wsgi.api:application" "/path" "" "x-api"\` — a module path (matching \`^[a-zA-Z0-9_.]+:[a-zA-Z0-9_]+$\`) becomes \`module =\`.
- Old form (2017-04 → 2023-12): \`write_uwsgi_config <conf> <wsgi-file> <url> [<http>]\` — a script path becomes \`wsgi-file =\` (deprecated); the name is \`basename\` of it.
- It starts with \`rm -rf <conf>\`: any \`iniset\` on the ini must come after it.
- Pass \`""\` as *http* to stay behind Apache (the goal); a host:port makes uwsgi serve HTTP itself (only nova metadata does).`,
  write_local_uwsgi_http_config: `**write_local_uwsgi_http_config** *conf wsgi url [name]* — uwsgi on \`http-socket = $APACHE_LOCAL_HOST:<random port>\`, proxied by Apache with mod_proxy_http. For APIs that take chunked request bodies (glance, swift): mod_proxy_uwsgi drops chunked encoding. The 4th argument is the name (there is no *http* argument).`,
  write_local_proxy_http_config: `**write_local_proxy_http_config** *name url loc* — a plain Apache reverse proxy for a service that listens by itself.`,
  remove_uwsgi_config: `**remove_uwsgi_config** *conf name* — deletes the ini and disables the Apache site *name*. The name must be the one given to \`write_uwsgi_config\`, or the site stays enabled after \`clean.sh\`. Passing a script path is deprecated (devstack 2024-04).`,
  run_process: `**run_process** *service "command" [group] [user] [env]* — runs *command* as systemd unit \`devstack@<service>.service\` when the service is enabled. A command containing \`uwsgi\` gets a uwsgi unit (Type=notify). The command must start with an absolute path and must not use \`sudo\`.

Under the goal: \`run_process x-api "$(which uwsgi) --procname-prefix x-api --ini $X_UWSGI_CONF"\`, not \`"$X_BIN_DIR/x-api"\` (a standalone eventlet server).`,
  stop_process: `**stop_process** *service* — stops \`devstack@<service>.service\`.`,
  screen_it: `**screen_it** *service "command"* — pre-systemd devstack (before 2017): ran the command in a screen window. A \`screen_it x-api "$X_BIN_DIR/x-api"\` is a standalone API.`,
  install_apache_wsgi: `**install_apache_wsgi** — installs Apache with mod_wsgi. The goal chose uwsgi over mod_wsgi (logs, start/stop, restarts of every API with Apache); devstack dropped its mod_wsgi paths in 2024. Use \`write_uwsgi_config\` instead.`,
  install_apache_uwsgi: `**install_apache_uwsgi** — installs uwsgi and the python3 plugin and enables \`proxy_uwsgi\`. \`stack.sh\` calls it itself since 2017; plugins need not.`,
  enable_apache_site: `**enable_apache_site** *name* — enables an Apache site. With a template of \`WSGIDaemonProcess\`/\`WSGIScriptAlias\` lines it deploys the API under mod_wsgi, which the goal replaces with uwsgi.`,
  disable_apache_site: `**disable_apache_site** *name* — disables an Apache site.`,
  apache_site_config_for: `**apache_site_config_for** *name* — prints the path of the Apache site file for *name* (distro-specific).`,
  restart_apache_server: `**restart_apache_server** — restarts Apache; every mod_wsgi API restarts with it (one reason the goal moved to uwsgi).`,
  iniset: `**iniset** *file section option value* — sets an ini option. On a uwsgi ini, call it after \`write_uwsgi_config\`, which deletes the file first.`,
  get_or_create_endpoint: `**get_or_create_endpoint** *service region url* — registers a catalog endpoint. Behind Apache the URL is \`$X_SERVICE_PROTOCOL://$X_SERVICE_HOST/<path>\`, not \`:$X_SERVICE_PORT\` (nothing listens on that port under uwsgi).`,
  wait_for_service: `**wait_for_service** *timeout url* — polls the URL until it answers. Under uwsgi behind Apache, use the \`/path\` URL.`,
  start_tls_proxy: `**start_tls_proxy** *service front back host internal-port* — TLS termination for a standalone API. Under uwsgi behind Apache, Apache terminates TLS.`,
  trueorfalse: `**trueorfalse** *default VAR* — prints \`True\` or \`False\` for VAR's value, or *default* when unset.`,
  enable_service: `**enable_service** *name…* — enables devstack services (e.g. \`x-api\`).`,
  is_service_enabled: `**is_service_enabled** *name…* — true when any of the services is enabled.`,
};

export const DEVSTACK_VARIABLES: Record<string, string> = {
  WSGI_MODE: '**WSGI_MODE** (stackrc): `uwsgi` (default since 2017-04) or `mod_wsgi`. Since 2024-10 anything but `uwsgi` stops stack.sh.',
  ENABLE_HTTPD_MOD_WSGI_SERVICES:
    '**ENABLE_HTTPD_MOD_WSGI_SERVICES** (stackrc): the old global default for per-service mod_wsgi toggles; vestigial today.',
  KEYSTONE_USE_MOD_WSGI:
    '**KEYSTONE_USE_MOD_WSGI** (lib/keystone ≤ ocata): True = Apache mod_wsgi. Replaced by `KEYSTONE_DEPLOY` from `WSGI_MODE` in pike; removed 2024-10.',
  NOVA_USE_MOD_WSGI:
    '**NOVA_USE_MOD_WSGI** (lib/nova): despite the name, **True = uwsgi** (from pike), False = the eventlet `nova-api`. Removed 2024-10: a no-op today.',
  CINDER_USE_MOD_WSGI:
    '**CINDER_USE_MOD_WSGI** (lib/cinder): True = uwsgi, False = the eventlet `cinder-api`. Removed 2024-10: a no-op today.',
  NEUTRON_DEPLOY_MOD_WSGI:
    '**NEUTRON_DEPLOY_MOD_WSGI** (lib/neutron): True = uwsgi, False = the eventlet `neutron-server`. Removed 2024-10: a no-op today.',
  GLANCE_STANDALONE: '**GLANCE_STANDALONE** (lib/glance, 2020–2025): True = the eventlet `glance-api`. Removed 2025-05.',
  SWIFT_USE_MOD_WSGI: '**SWIFT_USE_MOD_WSGI** (lib/swift): True = swift under mod_wsgi; default False.',
  API_WORKERS: '**API_WORKERS** (stackrc): uwsgi `processes` for each API (default max(2, nproc/4)).',
  WORKER_TIMEOUT: '**WORKER_TIMEOUT** (stackrc): uwsgi `worker-reload-mercy` (default 80).',
  SERVICE_LISTEN_ADDRESS: '**SERVICE_LISTEN_ADDRESS**: the address standalone services bind.',
  GLOBAL_VENV: '**GLOBAL_VENV**: when True, devstack adds `--venv $DEVSTACK_VENV` to uwsgi units.',
};

/** `<SVC>_UWSGI` and `<SVC>_UWSGI_CONF`: the naming every uwsgi-deployed service follows. */
export function patternVariableDoc(name: string): string | undefined {
  if (/^[A-Z][A-Z0-9_]*_UWSGI_CONF$/.test(name))
    return `**${name}**: the uwsgi ini of the service (\`$X_CONF_DIR/x-api-uwsgi.ini\`), written by \`write_uwsgi_config\`.`;
  if (/^[A-Z][A-Z0-9_]*_UWSGI$/.test(name))
    return `**${name}**: what uwsgi serves: a module path \`pkg.wsgi.api:application\` (the goal) or, before 2024, a script path \`$X_BIN_DIR/x-api-wsgi\` (deprecated).`;
  if (/^[A-Z][A-Z0-9_]*_USE_UWSGI$/.test(name))
    return `**${name}**: a plugin's switch between uwsgi (True) and a standalone API (False). Jobs should leave it at True.`;
  if (/^[A-Z][A-Z0-9_]*_(USE_MOD_WSGI|WSGI_MODE)$/.test(name))
    return `**${name}**: a plugin's switch between deployments; check the plugin: in some, True/uwsgi means uwsgi, in others mod_wsgi.`;
  if (/^[A-Z][A-Z0-9_]*_SERVICE_PORT$/.test(name))
    return `**${name}**: the port a standalone API binds. Under uwsgi behind Apache nothing listens on it; endpoints use \`/path\` on port 80/443.`;
  return undefined;
}
