import { Finding, Rule, DEPLOY, MODULE_PATHS } from './rule';
import type { PyCall, PyFacts } from '../model/types';
import { atImport, importTimeFiles, line1 } from './wsgi5xx-shared';

export const rule: Rule = {
  code: 'WSGI502',
  title: 'WSGI module starts a server at import',
  goals: [DEPLOY, MODULE_PATHS],
  severity: 'error',
  docs: `Module-level code of a WSGI module (a \`<pkg>/wsgi/\` module, a \`.wsgi\` file, a module a uwsgi ini or devstack names)
or of an app factory module starts or runs a server: \`make_server(…)\`, \`….serve_forever()\`, \`eventlet.wsgi.server(…)\`,
oslo.service's \`wsgi.Server(…)\` (binds its socket when created), \`….launch_service(…)\` / \`service.launch(…)\`,
\`launcher.wait()\`, Flask's \`app.run()\`, werkzeug's \`run_simple(…)\`, \`wsgiref.simple_server\`, or a module-level call of a
function of the same module that does one of these. Calls under \`if __name__ == "__main__":\` and inside functions that
are not called at import are fine.

Under the deploy-api-in-wsgi goal the WSGI server (uwsgi behind Apache in devstack, gunicorn, mod_wsgi) owns the
sockets, processes and threads; it imports the module only to get \`application\`. A server started at import binds a
port the API should not own, or blocks forever so the worker never finishes loading the app.

**Fix:** build and assign \`application\` only; move server start-up into the console script (\`<pkg>/cmd/\`) or under
\`if __name__ == "__main__":\`.`,
  check(ctx) {
    const out: Finding[] = [];
    for (const rel of importTimeFiles(ctx, true)) {
      const facts = ctx.model.sources.python(rel);
      if (!facts) continue;
      const flagged: PyCall[] = [];
      for (const c of facts.calls.filter(atImport)) {
        if (flagged.some((f) => inside(c, f))) continue;
        let what = serverCall(c, facts);
        if (!what) {
          // One level down: a module-level `main()` whose body starts the server.
          const b = !c.receiver ? facts.bindings.get(c.callee) : undefined;
          const inner = b?.kind === 'function' ? facts.calls.find((x) => x.inFunction === c.callee && serverCall(x, facts)) : undefined;
          if (inner)
            what = `${c.callee}() runs at import and calls ${inner.callee}() (line ${line1(inner.span)}), which ${serverCall(inner, facts)}`;
        } else {
          what = `${c.callee}() ${what}`;
        }
        if (!what) continue;
        flagged.push(c);
        out.push({
          at: { file: rel, span: c.span },
          summary: `${rel} starts a server at import: build and assign application only`,
          message:
            `${rel} starts a server at import: ${what}. A WSGI server (uwsgi, gunicorn, mod_wsgi) imports this module only to get ` +
            `application and owns the sockets and processes itself, so this binds a port or blocks the worker under the deploy-api-in-wsgi goal. ` +
            `Build and assign application only; keep server start-up in the console script or under if __name__ == "__main__":.`,
        });
      }
    }
    return out;
  },
};

function inside(c: PyCall, outer: PyCall): boolean {
  const a = c.span,
    b = outer.span;
  const le = (x: typeof a.start, y: typeof a.start) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return le(b.start, a.start) && le(a.end, b.end);
}

/** What the call does when it starts or runs a server, else undefined. */
function serverCall(c: PyCall, facts: PyFacts): string | undefined {
  // A bare name imported from elsewhere reads as its full path: `server` from eventlet.wsgi is eventlet.wsgi.server.
  const b = !c.receiver ? facts.bindings.get(c.callee) : undefined;
  const full = b?.kind === 'import' && b.name ? `${b.module}.${b.name}` : c.callee;
  const name = full.split('.').pop()!;
  const receiver = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : c.receiver;
  if (name === 'make_server') return 'creates a listening HTTP server';
  if (name === 'serve_forever') return 'serves requests forever';
  if (full.includes('simple_server')) return 'runs the wsgiref development server';
  if (name === 'run_simple') return 'runs the werkzeug development server';
  if (/(^|\.)wsgi\.server$/.test(full)) return "runs eventlet's WSGI server";
  if (/(^|\.)wsgi\.Server$/.test(full)) return "creates oslo.service's eventlet wsgi.Server, which binds its socket";
  if (name === 'launch_service') return 'launches a service';
  if (name === 'launch' && receiver && /(^|\.)service$/.test(receiver)) return 'launches an oslo.service service';
  if (name === 'wait' && receiver && launcherish(receiver, facts)) return 'blocks on a service launcher';
  if (name === 'run' && receiver && appish(receiver, facts)) return 'runs the development server';
  if (name === 'serve' && receiver && /(^|\.)(pecan|waitress)(\.|$)/.test(receiver)) return 'runs a server';
  return undefined;
}

function launcherish(receiver: string, facts: PyFacts): boolean {
  if (/launch/i.test(receiver)) return true;
  const b = facts.bindings.get(receiver);
  return b?.kind === 'assignment' && /launch|Launcher\(/i.test(b.value);
}

function appish(receiver: string, facts: PyFacts): boolean {
  if (/^(app|application|wsgi_app|api)$/.test(receiver)) return true;
  const b = facts.bindings.get(receiver);
  return b?.kind === 'assignment' && /(^|\.)Flask\(/.test(b.value);
}
