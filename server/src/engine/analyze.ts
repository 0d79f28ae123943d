// One repo model in, its report (the CLI contract's repo object) and its findings out.
import * as path from 'path';
import type { RepoReport, ReportDiagnostic, Severity } from '../protocol';
import { DEFAULT_GOAL, evaluateGoal, evidenceAt, GOALS } from '../goal/evaluate';
import { serviceStatuses } from '../goal/services';
import type { Located, RepoModel } from '../model/types';
import { RULES } from '../rules';
import type { Finding } from '../rules/rule';
import { TextSource } from './text-source';

export interface RuleFinding extends Finding { code: string; severity: Severity }

export interface RepoAnalysis { model: RepoModel; report: RepoReport; findings: RuleFinding[] }

export function analyzeRepo(model: RepoModel, source: TextSource, devstackRoot?: string): RepoAnalysis {
  const lineText = (at: Located): string => {
    const root = at.repo === 'devstack' && devstackRoot ? devstackRoot : model.root;
    const text = source.read(path.join(root, at.file)) ?? '';
    return (text.split(/\r?\n/)[at.span.start.line] ?? '').trim();
  };
  const statuses = serviceStatuses(model);
  const exists = (rel: string) => source.exists(path.join(model.root, rel));

  const findings: RuleFinding[] = [];
  for (const rule of RULES) {
    for (const f of rule.check({ model, statuses, exists })) findings.push({ ...f, code: rule.code, severity: rule.severity });
  }

  const goals = Object.fromEntries(GOALS.map((g) => [g.id, evaluateGoal(g, model, statuses, lineText)]));
  const main = goals[DEFAULT_GOAL].criteria;
  const report: RepoReport = {
    root: model.root,
    name: model.name,
    apiServices: statuses.map((s) => ({
      name: s.service.name,
      source: { file: s.service.source.file, line: s.service.source.span.start.line + 1 },
      entryPoints: s.entryPoints.map((e) => ({ kind: e.kind, target: e.target, file: e.at.file, line: e.at.span.start.line + 1 })),
      devstackMode: s.mode,
      wsgiScripts: s.entryPoints.length > 0,
      devstackUwsgi: s.mode === 'unknown' ? null : s.mode === 'uwsgi',
      evidence: [s.service.source, ...s.entryPoints.map((e) => e.at), ...s.deployFacts.map((f) => f.at)].map((at) => evidenceAt(at, lineText)),
    })),
    criteria: { wsgiScripts: main.wsgiScripts, devstackUwsgi: main.devstackUwsgi },
    goals,
    diagnostics: findings.filter((f) => !f.at.repo).map(toReportDiagnostic)
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column),
  };
  return { model, report, findings };
}

function toReportDiagnostic(f: RuleFinding): ReportDiagnostic {
  const s = f.at.span;
  return {
    file: f.at.file, line: s.start.line + 1, column: s.start.character + 1, endLine: s.end.line + 1, endColumn: s.end.character + 1,
    severity: f.severity, code: f.code, message: f.message,
  };
}
