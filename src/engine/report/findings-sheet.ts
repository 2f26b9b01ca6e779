import { checkSummary, type CheckResult } from '../check';
import { RULES } from '../findings';
import { capitalise } from '../compare';
import type { OutputSheet } from '../output';
import { text } from './blocks';

export const FINDINGS_SHEET = 'MTFS Findings';

const SEVERITY_WORDS = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** Every finding with its severity, rule, message and a link to its cell. */
export function findingsSheet(check: CheckResult): OutputSheet {
  const rows = [
    [text(check.department ? `MTFS FINDINGS: ${check.department}` : 'MTFS FINDINGS', { bold: true, underline: true })],
    [text(checkSummary(check))],
    [],
    [text('Severity', { bold: true }), text('Rule', { bold: true }), text('Message', { bold: true }), text('Cell', { bold: true })],
    ...check.findings.map((f) => [
      text(SEVERITY_WORDS[f.severity], { bold: f.severity === 'error' }),
      text(RULES[f.rule].title),
      text(capitalise(f.message), { wrap: true }),
      text(`${f.sheet}!${f.cell}`, { link: { sheet: f.sheet, cell: f.cell } }),
    ]),
  ];
  if (check.findings.length === 0) rows.push([text('No findings: every total agrees.')]);
  return { name: FINDINGS_SHEET, rows, columnWidths: [10, 30, 90, 24], freezeRows: 4 };
}
