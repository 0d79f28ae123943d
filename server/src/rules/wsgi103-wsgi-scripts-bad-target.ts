import { Finding, Rule, RuleContext, DEPLOY } from './rule';
import type { PyFacts } from '../model/types';
import { line1, relOfModule, wsgiScripts } from './wsgi5xx-shared';

export const rule: Rule = {
  code: 'WSGI103',
  title: 'wsgi_scripts target is not a zero-argument callable',
  goals: [DEPLOY],
  severity: 'error',
  docs: `pbr writes each \`wsgi_scripts\` entry \`name = module:target\` into a script that imports the target and, when a WSGI
server loads the script, sets \`application = target()\` — a call with **no arguments**, made once. pbr also refuses any
target that is not \`func\` or \`Class.class_method\` ("Script targets must be of the form 'func' or
'Class.class_method'"). So the target must be a zero-argument app factory, not the application itself. The rule resolves
the target in the repo and reports it when:

- it names a module-level assignment (an app object such as \`app = make_app()\`) rather than a function;
- the function (or the class's \`__init__\`, or the method) has parameters without defaults;
- it has more dots than \`Class.method\`, names no attribute at all, or the method is neither a \`classmethod\` nor a
  \`staticmethod\`;
- the function or class does not exist in that module.

Targets in modules outside the repo are not checked. A broken target breaks the deploy-api-in-wsgi goal's first criterion
(the script cannot build the application), and the 2025.2 goal's \`<pkg>.wsgi.<server>\` module will call the same
factory.

**Fix:** point the entry at the zero-argument factory that returns the WSGI application (\`init_application\`-style),
or give the function's parameters defaults; better still, replace \`wsgi_scripts\` with a \`<pkg>.wsgi.<server>\` module
(see WSGI102).`,
  check(ctx) {
    const out: Finding[] = [];
    for (const e of wsgiScripts(ctx).entries) {
      const target = `${e.module}${e.attr ? ':' + e.attr : ''}`;
      const problem = problemOf(ctx, e.module, e.attr);
      if (!problem) continue;
      out.push({
        at: { file: e.file, span: e.span },
        summary: `wsgi_scripts ${e.name} cannot build the app: point it at a zero-argument factory`,
        message:
          `wsgi_scripts entry ${e.name} = ${target}: ${problem}. pbr's generated script builds the application by calling ` +
          `the target once with no arguments (application = ${e.attr || '<target>'}()) and accepts only 'func' or 'Class.class_method'; ` +
          `point it at a zero-argument factory that returns the WSGI app${hint(ctx, e.module)}.`,
      });
    }
    return out;
  },
};

function hint(ctx: RuleContext, module: string): string {
  const f = ctx.model.factories.find((x) => x.module === module) ?? ctx.model.factories[0];
  return f ? ` (such as ${f.module}:${f.func})` : '';
}

function problemOf(ctx: RuleContext, module: string, attr: string): string | undefined {
  if (!attr) return 'it names a module but no callable';
  const parts = attr.split('.');
  if (parts.length > 2) return `${attr} has more dots than Class.method`;
  const rel = relOfModule(ctx, module);
  const facts = rel ? ctx.model.sources.python(rel) : undefined;
  if (!rel || !facts || facts.hasSyntaxError) return undefined;
  return parts.length === 2 ? methodProblem(facts, rel, parts[0], parts[1]) : nameProblem(ctx, facts, rel, attr, 0);
}

function nameProblem(ctx: RuleContext, facts: PyFacts, rel: string, name: string, hops: number): string | undefined {
  const b = facts.bindings.get(name);
  if (!b) {
    return facts.mainAssigned.has(name)
      ? `${name} is only defined under if __name__ == "__main__": in ${rel}, which does not run on import`
      : `${rel} has no module-level ${name}`;
  }
  switch (b.kind) {
    case 'function': {
      const fn = facts.functions.get(name);
      // What a decorator makes of the signature is not known: trove's @with_initialize supplies the argument.
      if (!fn || fn.requiredParams === 0 || fn.decorators.length) return undefined;
      return `${name}() in ${rel}:${line1(fn.span)} requires ${fn.requiredParams} argument${fn.requiredParams > 1 ? 's' : ''}`;
    }
    case 'class': {
      const init = facts.methods.get(`${name}.__init__`);
      const required = init ? init.requiredParams - 1 : 0;
      return required > 0
        ? `${name}.__init__ in ${rel}:${line1(init!.span)} requires ${required} argument${required > 1 ? 's' : ''}`
        : undefined;
    }
    case 'assignment': {
      const v = b.value.trim();
      if (/^[A-Za-z_]\w*$/.test(v) && v !== name && facts.bindings.has(v) && hops < 2) return nameProblem(ctx, facts, rel, v, hops + 1);
      if (/^lambda\b/.test(v) || /^(functools\.)?partial\(/.test(v) || /^[A-Za-z_][\w.]*$/.test(v)) return undefined;
      return `${name} in ${rel}:${line1(b.span)} is a module-level assignment (${v.length > 40 ? v.slice(0, 40) + '…' : v}), an app object rather than a function that builds one`;
    }
    case 'import': {
      // One hop: `from pkg.api.wsgi import init_application` re-exported by the named module.
      if (hops > 1 || !b.name || b.module.startsWith('.')) return undefined;
      const other = relOfModule(ctx, b.module);
      const f2 = other ? ctx.model.sources.python(other) : undefined;
      if (!other || !f2 || f2.hasSyntaxError || !f2.bindings.has(b.name)) return undefined;
      return nameProblem(ctx, f2, other, b.name, hops + 1);
    }
  }
}

function methodProblem(facts: PyFacts, rel: string, cls: string, method: string): string | undefined {
  if (!facts.classes.has(cls)) {
    const b = facts.bindings.get(cls);
    return b ? undefined : `${rel} has no module-level class ${cls}`;
  }
  const m = facts.methods.get(`${cls}.${method}`);
  if (!m) return `class ${cls} in ${rel} has no method ${method}`;
  const decorators = m.decorators.map((d) => d.split('.').pop());
  const at = `${cls}.${method} in ${rel}:${line1(m.span)}`;
  if (decorators.includes('staticmethod'))
    return m.requiredParams ? `${at} requires ${m.requiredParams} argument${m.requiredParams > 1 ? 's' : ''}` : undefined;
  if (decorators.includes('classmethod'))
    return m.requiredParams > 1
      ? `${at} requires ${m.requiredParams - 1} argument${m.requiredParams > 2 ? 's' : ''} besides cls`
      : undefined;
  return `${at} is a plain method: ${cls}.${method}() has no instance to bind self to (make it a classmethod or staticmethod)`;
}
