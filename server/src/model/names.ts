// How OpenStack names API services, entry-point modules and environment variables.

const API_SCRIPT = /(^|[-_])api([-_]|$)/;

/**
 * `designate-api`, `nova-api-metadata`, `heat-api-cfn`, `swift-proxy-server`; other `*-server`s only
 * when they are cmd entries (neutron-server), and never an RPC server.
 */
export function isApiScript(name: string, module: string, project = ''): boolean {
  if (/-wsgi$|-rpc-server$|-(db-)?manage$|-status$/.test(name)) return false;
  // `<project>-server` is the project's API server wherever its code lives (congress, zaqar, tacker).
  const own = project !== '' && name === `${projectKey(project)}-server`;
  return API_SCRIPT.test(name) || /-proxy-server$/.test(name) || own || (/-server$/.test(name) && /(^|\.)cmd(\.|$)/.test(module));
}

/** The project as its services are prefixed: python-watcher → watcher, openstack-placement → placement. */
export function projectKey(project: string): string {
  return project.replace(/^(python|openstack)-/, '');
}

/**
 * A key shared by a service and the entry points that serve it: the project prefix and the
 * words api/server/wsgi dropped (nova-api-metadata → "metadata", osapi_compute → "oscompute").
 */
export function matchKey(name: string, project: string): string {
  let n = name.toLowerCase();
  const key = projectKey(project).toLowerCase();
  for (const p of [key, key.replace(/-/g, '_')]) {
    if (n.startsWith(p + '-') || n.startsWith(p + '_')) {
      n = n.slice(p.length + 1);
      break;
    }
  }
  if (n === key || n === key.replace(/-/g, '_')) return '';
  return n
    .split(/[-_.]/)
    .filter((t) => !['api', 'server', 'wsgi'].includes(t))
    .join('')
    .replace(/api/g, '');
}

/** The module OpenStack names after the service: designate-api → api, nova-api-metadata → metadata. */
export function wsgiModuleName(service: string, project: string): string {
  let rest = service;
  const key = projectKey(project);
  for (const p of [key, key.replace(/_/g, '-')]) {
    if (rest.startsWith(p + '-')) {
      rest = rest.slice(p.length + 1);
      break;
    }
  }
  if (rest === 'api' || rest === 'server' || rest === service) return 'api';
  rest = rest.replace(/^api-/, '').replace(/-api$/, '');
  return rest.replace(/-/g, '_') || 'api';
}

/** OS_DESIGNATE_CONFIG_DIR style variable prefix. */
export function envPrefix(project: string): string {
  return (
    'OS_' +
    projectKey(project)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '_')
  );
}

export const FACTORY_NAME =
  /^((init|initialize)_(wsgi_)?app(lication)?|get_application|init_app|initialize_\w*_application|initialize_wsgi_app|app_factory)$/;
/**
 * Text where a module can bind `application` (`application = …`, `application, conf = …`, `import … as
 * application`, `from … import (…, application)`, `def application(`): a superset, so that a module
 * without it is not parsed. Prose ("the WSGI application.") and attributes (`self.application`) do not match.
 */
export const MAY_BIND_APPLICATION = /(^|[\s,(;*])application\s*(=(?!=)|:|,|\)|#|\\|;|$|\s+in\b)|\b(def|class)\s+application\b/m;

/** Text that can define a FACTORY_NAME function: a module without it is not parsed for factories. */
export const FACTORY_DEF = /\bdef\s+(init_|initialize_|get_application\b|app_factory\b)/;

/** Process names of OpenStack workers: what devstack starts beside an API, never an API itself. */
export const WORKER =
  /(^|[-_])(engine|conductor|executor|scheduler|agent|worker|workers|notifier|notification|listener|websocket|wsproxy|novncproxy|spicehtml5proxy|serialproxy|kmip|rpc|periodic|collector|compute|volume|backup|share|data|manager|monitor|hostmonitor|processmonitor|instancemonitor|persister|transform|decision|applier|evaluator|expirer|updater|auditor|replicator|reaper|dhcp|l3|metering|ovs|linuxbridge|sriov|consumer|producer|polling|housekeeping|health-manager|driver-agent)([-_]|$)/;

/**
 * A devstack localrc variable that decides how an API is deployed (WSGI_MODE, NOVA_USE_MOD_WSGI,
 * GLANCE_STANDALONE, ZUN_USE_UWSGI, KEYSTONE_DEPLOY, …), as opposed to the rest a job sets.
 */
export function isWsgiVariable(name: string): boolean {
  return /(^|_)(WSGI_MODE|USE_MOD_WSGI|DEPLOY_MOD_WSGI|USE_UWSGI|USE_APACHE|STANDALONE|DEPLOY)$|^ENABLE_HTTPD_MOD_WSGI_SERVICES$/.test(
    name,
  );
}
