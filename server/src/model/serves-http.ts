// Whether a console script's code serves HTTP itself: the behaviour that makes a process an API
// whatever its name (ironic-inspector, kuryr-server, glance-registry).
import type { PyFacts } from '../parse/python';

/**
 * The call in a module that starts an HTTP server or loads a WSGI app, as written, or undefined.
 * Only calls OpenStack API launchers make: oslo.service's and projects' `wsgi.Server`/`wsgi.Service`/`WSGIService`,
 * wsgiref's `make_server`, eventlet's `wsgi.server`, a Flask/werkzeug `app.run`/`run_simple`,
 * uvicorn/cheroot servers. Loading a paste app is not serving it (glance's cache tools do).
 */
/**
 * Whether a module's text can hold such a call: each one names, in the source, a word below. A
 * module without any is not parsed (swift's and nova's dozens of tool scripts).
 */
export function mayServeHttp(text: string): boolean {
  return SERVING_WORDS.test(text);
}

const SERVING_WORDS =
  /WSGIService|WSGIServer|make_server|run_simple|serve_forever|CherryPyWSGIServer|wsgi\s*\.\s*(Server|Service|server)\b|uvicorn|gunicorn|waitress|cheroot|\b(app|application)\s*\.\s*run\b/;

export function httpServingCall(facts: PyFacts): string | undefined {
  const web = facts.imports.some((i) => /^(flask|werkzeug|bottle|fastapi|pecan)(\.|$)/.test(i.module));
  // An embedded WSGI server library (valence runs gunicorn's BaseApplication from its script).
  const server = facts.imports.some((i) => /^(gunicorn|waitress|cheroot|uvicorn)(\.|$)/.test(i.module));
  const hit = facts.calls.find(
    (c) =>
      /^(WSGIService|WSGIServer|make_server|run_simple|serve_forever|CherryPyWSGIServer)$/.test(c.name) ||
      // A project's own wsgi module: `wsgi.Server(…)`, or murano's `wsgi.Service(app, port, host)`.
      (/^(Server|Service)$/.test(c.name) && /(^|\.)wsgi$/.test(c.receiver ?? '')) ||
      (c.name === 'server' && /(^|\.)wsgi$/.test(c.receiver ?? '')) ||
      (c.name === 'run' && c.receiver === 'uvicorn') ||
      (server && /^(run|serve|serve_forever)$/.test(c.name)) ||
      // `app.run()` serves HTTP on a web framework's app, or on the module-level app the package
      // builds (kuryr's `from kuryr_libnetwork import app`); glance's cache tools run a local `app`.
      (c.name === 'run' && /^(app|application)$/.test(c.receiver ?? '') && (web || facts.bindings.get(c.receiver!)?.kind === 'import')),
  );
  return hit?.callee;
}
