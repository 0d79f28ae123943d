// WSGI2xx (devstack plugins), WSGI3xx (Zuul jobs, local.conf) and WSGI4xx (uwsgi ini, Apache).
import { Rule } from './rule';
import { rule as wsgi201 } from './wsgi201-standalone-api-process';
import { rule as wsgi202 } from './wsgi202-mod-wsgi-deployment';
import { rule as wsgi203 } from './wsgi203-uwsgi-from-bin-dir';
import { rule as wsgi204 } from './wsgi204-uwsgi-script-path';
import { rule as wsgi205 } from './wsgi205-uwsgi-module-without-name';
import { rule as wsgi206 } from './wsgi206-remove-uwsgi-name-mismatch';
import { rule as wsgi207 } from './wsgi207-uwsgi-ini-written-early';
import { rule as wsgi208 } from './wsgi208-endpoint-on-service-port';
import { rule as wsgi209 } from './wsgi209-uwsgi-command-not-absolute';
import { rule as wsgi210 } from './wsgi210-devstack-too-complex';
import { rule as wsgi300 } from './wsgi300-unreadable-zuul-config';
import { rule as wsgi301 } from './wsgi301-job-selects-mod-wsgi-or-standalone';
import { rule as wsgi302 } from './wsgi302-stale-wsgi-variable';
import { rule as wsgi401 } from './wsgi401-uwsgi-ini-missing-keys';
import { rule as wsgi402 } from './wsgi402-uwsgi-ini-app-keys';
import { rule as wsgi403 } from './wsgi403-uwsgi-http-router-or-tmp-socket';

export const DEPLOYMENT_RULES: readonly Rule[] = [
  wsgi201,
  wsgi202,
  wsgi203,
  wsgi204,
  wsgi205,
  wsgi206,
  wsgi207,
  wsgi208,
  wsgi209,
  wsgi210,
  wsgi300,
  wsgi301,
  wsgi302,
  wsgi401,
  wsgi402,
  wsgi403,
];
