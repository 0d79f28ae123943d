// One repo model in, its report (the CLI contract's repo object) and its findings out.
import * as path from 'path';
import type { RepoReport, ReportDiagnostic, Settings, Severity, ZuulJobReport } from '../protocol';
import { ZUUL_FILE } from '../model/repo-files';
import { isWsgiVariable } from '../model/names';
import { DEFAULT_GOAL, evaluateGoal, evidenceAt, GOALS } from '../goal/evaluate';
import { serviceStatuses } from '../goal/services';
import type { Located, RepoModel } from '../model/types';
import { RULES } from '../rules';
import type { Finding, RuleContext } from '../rules/rule';
import { TextSource } from './text-source';
import { excluder, FileSuppressions, isSuppressed, suppressionsIn } from './suppression';
import { summaryOf } from './summary';

export interface RuleFinding extends Finding {
  /** The rule's summary, or one the engine made from the message. */
  summary: string;
  code: string;
  severity: Severity;
}

export interface RepoAnalysis {
  model: RepoModel;
  report: RepoReport;
  /** What is shown: neither disabled by a comment nor in an excluded file. */
  findings: RuleFinding[];
  /** Rules that threw on this repo: their findings are missing, every other rule's are there. */
  ruleFailures: { code: string; message: string }[];
}

export function analyzeRepo(
  model: RepoModel,
  source: TextSource,
  devstackRoot?: string,
  settings: Pick<Settings, 'severity' | 'exclude' | 'suppressionComments'> = { severity: {}, exclude: [], suppressionComments: true },
): RepoAnalysis {
  const { severity } = settings;
  // Evidence quotes many lines of few files: each file is read and split once per analysis.
  const fileLines = new Map<string, string[]>();
  const lineText = (at: Located): string => {
    const file = path.join(at.repo === 'devstack' && devstackRoot ? devstackRoot : model.root, at.file);
    if (!fileLines.has(file)) {
      // The repo's own files as the model read them; devstack's, from the source.
      const text = at.repo ? source.read(file) : (model.sources.text(at.file) ?? source.read(file));
      fileLines.set(file, (text ?? '').split(/\r?\n/));
    }
    return (fileLines.get(file)![at.span.start.line] ?? '').trim();
  };
  const statuses = serviceStatuses(model);
  const ctx: RuleContext = { model, statuses };

  const findings: RuleFinding[] = [];
  const ruleFailures: RepoAnalysis['ruleFailures'] = [];
  for (const rule of RULES) {
    const configured = severity[rule.code];
    if (configured === 'off') continue;
    try {
      // A finding's own severity stands (an off-path branch is milder, a stack.sh that dies is an
      // error); a configured one replaces it, but never raises an off-path finding.
      for (const f of rule.check(ctx))
        findings.push({
          ...f,
          summary: summaryOf(f),
          code: rule.code,
          severity: configured ? lower(configured, f.severity) : (f.severity ?? rule.severity),
        });
    } catch (e) {
      // A rule that trips over odd input loses its own findings, not the repo's.
      ruleFailures.push({ code: rule.code, message: (e as Error)?.message ?? String(e) });
    }
  }

  const excluded = excluder(settings.exclude);
  const perFile = new Map<string, FileSuppressions>();
  const disabled = (f: RuleFinding) => {
    if (!settings.suppressionComments || f.at.repo) return false;
    if (!perFile.has(f.at.file)) perFile.set(f.at.file, suppressionsIn(model.sources.text(f.at.file) ?? ''));
    return isSuppressed(perFile.get(f.at.file)!, f.code, f.at.span.start.line);
  };
  const shown: RuleFinding[] = [];
  const suppressed: RuleFinding[] = [];
  for (const f of findings) if (f.at.repo || !excluded(f.at.file)) (disabled(f) ? suppressed : shown).push(f);

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
      recognisedBy: s.service.recognisedBy.kind,
      evidence: [
        s.service.source,
        ...('at' in s.service.recognisedBy ? [s.service.recognisedBy.at] : []),
        ...s.entryPoints.map((e) => e.at),
        ...s.deployFacts.map((f) => f.at),
      ].map((at) => evidenceAt(at, lineText)),
    })),
    criteria: { wsgiScripts: main.wsgiScripts, devstackUwsgi: main.devstackUwsgi },
    goals,
    zuulJobs: zuulJobReports(model),
    diagnostics: reportDiagnostics(shown),
    suppressed: reportDiagnostics(suppressed),
  };
  return { model, report, findings: shown, ruleFailures };
}

function reportDiagnostics(findings: RuleFinding[]): ReportDiagnostic[] {
  return findings
    .filter((f) => !f.at.repo)
    .map(toReportDiagnostic)
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

function toReportDiagnostic(f: RuleFinding): ReportDiagnostic {
  const s = f.at.span;
  return {
    file: f.at.file,
    line: s.start.line + 1,
    column: s.start.character + 1,
    endLine: s.end.line + 1,
    endColumn: s.end.character + 1,
    severity: f.severity,
    code: f.code,
    summary: f.summary,
    message: f.message,
  };
}

function zuulJobReports(model: RepoModel): ZuulJobReport[] {
  const out: ZuulJobReport[] = [];
  for (const file of model.files.filter((f) => ZUUL_FILE.test(f))) {
    for (const job of model.sources.zuul(file)?.jobs ?? []) {
      if (!job.localrc.length) continue;
      out.push({
        name: job.variantIn ? `${job.name} (${job.variantIn})` : job.name,
        file,
        line: job.nameSpan.start.line + 1,
        ...(job.parent ? { parent: job.parent } : {}),
        overrides: job.localrc.map((o) => ({
          name: o.name,
          value: o.value,
          scope: o.scope,
          deploys: isWsgiVariable(o.name),
          line: o.span.start.line + 1,
          column: o.span.start.character + 1,
          endLine: o.span.end.line + 1,
          endColumn: o.span.end.character + 1,
        })),
      });
    }
  }
  return out;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** The milder of the configured level and the finding's own (a setting can lower, not raise, an off-path finding). */
function lower(level: Severity, own: Severity | undefined): Severity {
  return own && RANK[own] > RANK[level] ? own : level;
}
