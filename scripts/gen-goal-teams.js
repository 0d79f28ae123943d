#!/usr/bin/env node
// Derives server/src/goal/teams.json from the goal document (openstack/governance
// goals/completed/pike/deploy-api-in-wsgi.rst): for each project team, its state in the
// 12 January 2017 review ("listed as not supporting WSGI" / "already deploys via WSGI"), its
// planning and completion artifacts (links and notes), and the repos it owns. The document names
// teams, not repos: REPOS below says which repos each team's section speaks for (the teams'
// deliverables in governance's reference/projects.yaml of the time); `--governance DIR` replaces it
// at run time. Usage: node scripts/gen-goal-teams.js GOAL.rst > server/src/goal/teams.json
const fs = require('fs');

const REPOS = {
  barbican: ['barbican'],
  cinder: ['cinder'],
  cloudkitty: ['cloudkitty'],
  congress: ['congress'],
  designate: ['designate'],
  dragonflow: ['dragonflow'],
  'ec2-api': ['ec2-api'],
  freezer: ['freezer-api', 'freezer'],
  glance: ['glance'],
  heat: ['heat'],
  horizon: ['horizon'],
  ironic: ['ironic', 'ironic-inspector'],
  karbor: ['karbor'],
  keystone: ['keystone'],
  kuryr: ['kuryr-libnetwork', 'kuryr-kubernetes'],
  magnum: ['magnum'],
  manila: ['manila'],
  mistral: ['mistral'],
  monasca: ['monasca-api', 'monasca-log-api', 'monasca-events-api'],
  murano: ['murano'],
  neutron: ['neutron', 'neutron-vpnaas', 'neutron-dynamic-routing', 'networking-sfc', 'networking-bgpvpn'],
  nova: ['nova', 'placement'],
  octavia: ['octavia'],
  sahara: ['sahara'],
  searchlight: ['searchlight'],
  senlin: ['senlin'],
  solum: ['solum'],
  swift: ['swift'],
  tacker: ['tacker'],
  Telemetry: ['aodh', 'ceilometer', 'panko', 'gnocchi'],
  tricircle: ['tricircle'],
  trove: ['trove'],
  vitrage: ['vitrage'],
  watcher: ['watcher'],
  zaqar: ['zaqar'],
  zun: ['zun'],
};

const text = fs.readFileSync(process.argv[2], 'utf8').replace(/\r\n/g, '\n');
const lines = text.split('\n');

// The two lists of the "Current State" section: bullets after each lead-in sentence.
const listAfter = (lead) => {
  const out = [];
  for (let j = lines.findIndex((l) => l.includes(lead)) + 1; j < lines.length; j++) {
    const m = /^\* ([\w-]+)\s*$/.exec(lines[j]);
    if (m) out.push(m[1]);
    // Blank lines, comments (`.. `) and their indented bodies sit between the lead-in and the bullets.
    else if (lines[j].trim() && !/^(\.\.|\s|\* )/.test(lines[j]) && out.length) break;
  }
  return out;
};
const notSupporting = listAfter("projects that don't support their control-plane API services");
const supporting = listAfter('These projects already deploy devstack with API service via WSGI');

// Team sections: a title underlined with dashes, after "Project Teams".
const start = lines.findIndex((l, i) => l === 'Project Teams' && /^=+$/.test(lines[i + 1] ?? ''));
const teams = [];
for (let i = start + 2; i < lines.length; i++) {
  if (!/^-{3,}$/.test(lines[i + 1] ?? '') || !lines[i].trim()) continue;
  const name = lines[i].trim();
  let end = i + 2;
  while (end < lines.length && !(/^-{3,}$/.test(lines[end + 1] ?? '') && lines[end].trim())) end++;
  const body = lines.slice(i + 2, end).join('\n');
  const [planning, completion] = body.split(/^Completion Artifacts:.*$/m);
  const links = (s) => [...(s ?? '').matchAll(/https?:\/\/[^\s<>`]+/g)].map((m) => m[0].replace(/[.,)]+$/, ''));
  const key = name.toLowerCase();
  teams.push({
    team: name,
    repos: REPOS[name] ?? [],
    january2017: notSupporting.includes(key) ? 'not-supported' : supporting.includes(key) ? 'supported' : 'not-listed',
    planning: links(planning.replace(/^Planning Artifacts:/m, '')),
    completion: links(completion),
  });
  i = end - 1;
}
// Repos the January list names whose team section speaks for them under another name.
for (const t of teams)
  if (t.january2017 === 'not-listed' && t.repos.some((r) => notSupporting.includes(r))) t.january2017 = 'not-supported';
  else if (t.january2017 === 'not-listed' && t.repos.some((r) => supporting.includes(r))) t.january2017 = 'supported';

process.stdout.write(
  JSON.stringify(
    { source: 'openstack/governance goals/completed/pike/deploy-api-in-wsgi.rst', january2017: { notSupporting, supporting }, teams },
    null,
    2,
  ) + '\n',
);
