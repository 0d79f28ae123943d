// WSGI2xx (devstack plugins), WSGI3xx (Zuul jobs, local.conf) and WSGI4xx (uwsgi ini, Apache).
import { Rule } from './rule';

export const DEPLOYMENT_RULES: readonly Rule[] = [];
