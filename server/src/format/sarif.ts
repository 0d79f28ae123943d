// SARIF 2.1.0, for code-scanning dashboards.
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Report } from '../protocol';
import { RULES } from '../rules';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function formatSarif(report: Report, version: string): string {
  const results = report.repos.flatMap((repo) =>
    repo.diagnostics.map((d) => ({
      ruleId: d.code,
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: pathToFileURL(path.join(repo.root, d.file)).href },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
    })),
  );
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'wsgi-goal',
              version,
              rules: RULES.map((r) => ({
                id: r.code,
                name: r.title,
                shortDescription: { text: r.title },
                fullDescription: { text: r.docs },
                defaultConfiguration: { level: LEVEL[r.severity] },
              })),
            },
          },
          results,
        },
      ],
    },
    null,
    2,
  );
}
