import { checkSummary, type CheckResult } from '../check';
import { RULES, type Finding } from '../findings';
import { capitalise } from '../compare';
import type { OutputSheet } from '../output';
import { text } from './blocks';

export const FINDINGS_SHEET = 'MTFS Findings';

const SEVERITY_WORDS = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** Every finding, from the check and from scoring, with its severity, rule, message and a link to its cell. */
export function findingsSheet(check: CheckResult, extra: Finding[] = []): OutputSheet {
  const findings = [...check.findings, ...extra];
  const rows = [
    [text(check.department ? `MTFS FINDINGS: ${check.department}` : 'MTFS FINDINGS', { bold: true, underline: true })],
    [text(checkSummary({ tables: check.tables, findings }))],
    [],
    [text('Severity', { bold: true }), text('Rule', { bold: true }), text('Message', { bold: true }), text('Cell', { bold: true })],
    ...findings.map((f) => [
      text(SEVERITY_WORDS[f.severity], { bold: f.severity === 'error' }),
      text(RULES[f.rule].title),
      text(capitalise(f.message), { wrap: true }),
      text(`${f.sheet}!${f.cell}`, { link: { sheet: f.sheet, cell: f.cell } }),
    ]),
  ];
  if (findings.length === 0) rows.push([text('No findings: every total agrees.')]);
  return { name: FINDINGS_SHEET, rows, columnWidths: [10, 30, 90, 24], freezeRows: 4 };
}
