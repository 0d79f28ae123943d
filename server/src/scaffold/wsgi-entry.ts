// Plans the WSGI entry module for one API service: where it goes and what it says, built from
// the repo's own app factory or paste pipeline. Never a placeholder that cannot serve.
import { envPrefix, matchKey, wsgiModuleName } from '../model/names';
import { FactoryModel, RepoModel } from '../model/types';
import { DIST_NAME, isDottedModule, isIdentifier, pyStr } from './python-literal';

export interface PlannedFile {
  rel: string;
  content: string;
}

export type WsgiEntryPlan =
  | { ok: true; module: string; files: PlannedFile[]; builtFrom: string }
  | { ok: false; module: string; reason: string; needsFactory: boolean };

const FACTORY_SPEC = /^([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*):([A-Za-z_]\w*)$/;

export function planWsgiEntry(
  model: RepoModel,
  service: string,
  factory: string | undefined,
  exists: (rel: string) => boolean,
): WsgiEntryPlan {
  const module = wsgiModuleName(service, model.name);
  const fail = (reason: string, needsFactory = false): WsgiEntryPlan => ({ ok: false, module, reason, needsFactory });
  // The repo names the service, the package and the project: each must be a name, never a path or code.
  if (!DIST_NAME.test(service)) return fail(`"${printable(service)}" is not a console-script name (letters, digits, ".", "_", "-").`);
  if (!isIdentifier(module)) return fail(`the module name "${printable(module)}" made from ${service} is not a Python identifier.`);
  if (!isDottedModule(model.pkg)) return fail(`the package "${printable(model.pkg)}" is not a dotted Python module path.`);
  if (!DIST_NAME.test(model.name)) return fail(`the project name "${printable(model.name)}" in setup.cfg is not a distribution name.`);
  const pkgDir = model.pkg.replace(/\./g, '/');
  const target = `${pkgDir}/wsgi/${module}.py`;
  if (exists(target)) return fail(`${target} already exists; it is never overwritten.`);
  if (exists(`${pkgDir}/wsgi.py`)) {
    return fail(
      `${pkgDir}/wsgi.py exists and would collide with a ${pkgDir}/wsgi/ package: move its code elsewhere first (nova and placement did).`,
    );
  }

  let body: string;
  let builtFrom: string;
  if (factory !== undefined) {
    const m = FACTORY_SPEC.exec(factory.trim());
    if (!m || !isDottedModule(m[1]) || !isIdentifier(m[2]))
      return fail(`"${printable(factory)}" is not of the form module:function (e.g. ${model.pkg}.api.wsgi:init_application).`, true);
    body = fromFactory(model, service, { module: m[1], func: m[2] });
    builtFrom = `${m[1]}:${m[2]}`;
  } else {
    const f = pickFactory(model, service);
    if (f && !(isDottedModule(f.module) && isIdentifier(f.func))) {
      return fail(`the app factory ${printable(f.module)}:${printable(f.func)} is not an importable module:function.`, true);
    }
    if (f) {
      body = fromFactory(model, service, f);
      builtFrom = `${f.module}:${f.func}`;
    } else if (model.paste) {
      body = fromPaste(model, service);
      builtFrom = `${model.paste.file} [${model.paste.appName}]`;
    } else {
      return fail(
        `No app factory (a zero-argument function such as init_application() in a wsgi module) and no paste pipeline ` +
          `(etc/${model.name}/api-paste.ini) were found to build the application from, so no quick fix is offered; ` +
          `run "WSGI Goal: Scaffold WSGI Entry Point…" and name the factory as module:function.`,
        true,
      );
    }
  }
  const files: PlannedFile[] = [];
  if (!exists(`${pkgDir}/wsgi/__init__.py`)) files.push({ rel: `${pkgDir}/wsgi/__init__.py`, content: '' });
  files.push({ rel: target, content: body });
  return { ok: true, module, files, builtFrom };
}

/** The service's own wsgi_scripts factory first, then factories in wsgi modules (api ones first). */
function pickFactory(model: RepoModel, service: string): { module: string; func: string } | undefined {
  const key = matchKey(service, model.name);
  const script = model.entryPoints.find((e) => e.kind === 'pbr-wsgi_scripts' && matchKey(e.name, model.name) === key);
  if (script) {
    const [module, func] = script.target.split(':');
    const known = model.factories.find((f) => f.module === module && f.func === func);
    if (known) return known;
  }
  const byKey = key ? model.factories.find((f: FactoryModel) => matchKey(`${f.module}.${f.func}`, model.name).includes(key)) : undefined;
  return byKey ?? model.factories[0];
}

/** Names quoted in messages, with control characters shown as escapes. */
function printable(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

function title(model: RepoModel, service: string): string {
  const project = model.name.charAt(0).toUpperCase() + model.name.slice(1);
  const rest = wsgiModuleName(service, model.name);
  return rest === 'api' ? `${project} API` : `${project} ${rest.replace(/_/g, ' ')} API`;
}

const LICENSE = `# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
`;

function docstring(model: RepoModel, service: string): string {
  const mod = `${model.pkg}.wsgi.${wsgiModuleName(service, model.name)}`;
  return `"""WSGI application entry-point for ${title(model, service)}.

Any WSGI server can host it, e.g. uwsgi with \`\`module = ${mod}:application\`\`
or gunicorn with \`\`${mod}:application\`\`.
"""
`;
}

// Built once, at import, as OpenStack's own entry modules do: Python's import lock already
// serialises a module's first import, so no lock idiom is needed.
function buildOnce(call: string): string {
  return `application = ${call}
`;
}

function fromFactory(model: RepoModel, service: string, f: { module: string; func: string }): string {
  const dot = f.module.lastIndexOf('.');
  const imp = dot < 0 ? `import ${f.module}` : `from ${f.module.slice(0, dot)} import ${f.module.slice(dot + 1)}`;
  const ref = dot < 0 ? f.module : f.module.slice(dot + 1);
  return `${LICENSE}
${docstring(model, service)}
${imp}

${buildOnce(`${ref}.${f.func}()`)}`;
}

function fromPaste(model: RepoModel, service: string): string {
  const paste = model.paste!;
  const env = envPrefix(model.name);
  const pasteName = paste.file.split('/').pop()!;
  const log = model.usesOsloLog;
  return `${LICENSE}
${docstring(model, service)}
import os

from oslo_config import cfg
${log ? 'from oslo_log import log as logging\n' : ''}from paste import deploy

# Deployers point the application at other files without command-line arguments.
CONFIG_DIR = os.environ.get(${pyStr(`${env}_CONFIG_DIR`)}, ${pyStr(`/etc/${model.name}`)}).strip()
CONFIG_FILES = [
    name.strip()
    for name in os.environ.get(${pyStr(`${env}_CONFIG_FILES`)}, ${pyStr(`${model.name}.conf`)}).split(';')
    if name.strip()
]
PASTE_CONFIG = os.path.join(CONFIG_DIR, ${pyStr(pasteName)})
PASTE_APP = ${pyStr(paste.appName)}


def init_application():
    conf = cfg.CONF
${log ? '    logging.register_options(conf)\n' : ''}    conf([], project=${pyStr(model.name)}, prog=${pyStr(service)},
         default_config_files=[os.path.join(CONFIG_DIR, name) for name in CONFIG_FILES])
${log ? `    logging.setup(conf, ${pyStr(model.name)})\n` : ''}    return deploy.loadapp('config:' + PASTE_CONFIG, name=PASTE_APP)


${buildOnce('init_application()')}`;
}
