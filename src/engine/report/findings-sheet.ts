import { checkSummary, type CheckResult } from '../check';
import { RULES, type Finding } from '../findings';
import { capitalise } from '../compare';
import type { OutputSheet } from '../output';
import {
  markCounts,
  markCountWords,
  markFindings,
  markStatusWords,
  type MarkedFinding,
  type SignOff,
} from '../session/signoffs';
import { text } from './blocks';

export const FINDINGS_SHEET = 'MTFS Findings';

const SEVERITY_WORDS = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** A finding, the workbook it is in when the report gathers several workbooks, and its mark when already matched there. */
export type ReportedFinding = MarkedFinding & { workbook?: string };

/**
 * Every finding, from the check and from scoring, with its severity, rule, message and its cell:
 * a link to it when it is in this workbook, or the workbook's name beside it when it is in another.
 * With the workbook's sign-offs (`marks`), each finding's status (Open, Explained, To fix, or a mark out
 * of date because its figures changed) and note, so the papers go to scrutiny with the findings answered.
 */
export function findingsSheet(
  check: Pick<CheckResult, 'tables' | 'department'> & { findings: ReportedFinding[] },
  extra: Finding[] = [],
  marks: readonly SignOff[] = [],
): OutputSheet {
  const findings = markFindings<ReportedFinding>([...check.findings, ...extra], marks);
  const elsewhere = findings.some((f) => f.workbook);
  // A council report's findings come marked by their own workbooks' sign-offs.
  const signed = marks.length > 0 || findings.some((f) => f.mark);
  const counted = markCountWords(markCounts(findings));
  const bold = (value: string) => text(value, { bold: true });
  const rows = [
    [text(check.department ? `MTFS FINDINGS: ${check.department}` : 'MTFS FINDINGS', { bold: true, underline: true })],
    [text(checkSummary({ tables: check.tables, findings }) + (counted ? `; signed off: ${counted}` : ''))],
    [],
    [
      bold('Severity'),
      bold('Rule'),
      bold('Message'),
      bold('Cell'),
      ...(elsewhere ? [bold('Workbook')] : []),
      ...(signed ? [bold('Status'), bold('Note')] : []),
    ],
    ...findings.map((f) => [
      text(SEVERITY_WORDS[f.severity], { bold: f.severity === 'error' }),
      text(RULES[f.rule].title),
      text(capitalise(f.message), { wrap: true }),
      text(`${f.sheet}!${f.cell}`, elsewhere ? {} : { link: { sheet: f.sheet, cell: f.cell } }),
      ...(elsewhere ? [text(f.workbook ?? '')] : []),
      ...(signed
        ? [
            text(markStatusWords(f.mark), { bold: !!f.mark && !f.mark.current }),
            text(f.mark?.note ?? '', { wrap: true }),
          ]
        : []),
    ]),
  ];
  if (findings.length === 0) rows.push([text('No findings: every total agrees.')]);
  return {
    name: FINDINGS_SHEET,
    rows,
    columnWidths: signed ? [10, 30, 90, 24, ...(elsewhere ? [30] : []), 28, 50] : [10, 30, 90, 24, 30],
    freezeRows: 4,
  };
}
