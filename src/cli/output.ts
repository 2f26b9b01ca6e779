import { describe, type Finding } from '../engine/findings';
import { plural } from '../engine/words';
import { isOpen, markStatusWords, outOfDateWords, type MarkedFinding } from '../engine/session/signoffs';

/** What every command prints and how it ends: one format for a finding, one rule for the exit code. */

/** Exit codes, as docs/cli.md documents them. */
export const EXIT = { ok: 0, errorsFound: 1, unreadable: 2 } as const;

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Text padded to a column of width n, always followed by at least one space. */
export function column(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s.padEnd(n);
}

const SEVERITY_LABEL = { error: 'ERROR  ', warning: 'warning', info: 'info   ' } as const;

/** "  ERROR   total-mismatch       Growth!C14: …": how every command prints a finding. */
export function findingLine(f: Finding): string {
  return `  ${SEVERITY_LABEL[f.severity]} ${column(f.rule, 21)}${describe(f)}`;
}

/** "      Explained 1 Dec 2026: £1 rounding, as published": a finding's sign-off, under its line; '' when it has none. */
export function markLine(f: MarkedFinding): string {
  if (!f.mark) return '';
  if (!f.mark.current) return `      ${markStatusWords(f.mark)}: ${outOfDateWords(f.mark)}`;
  return `      ${markStatusWords(f.mark)}${f.mark.note ? `: ${f.mark.note}` : ''}`;
}

/**
 * Exit 1 when any finding is an error not signed off as explained (with its figures unchanged since): the one rule
 * every command follows.
 */
export function exitCodeFor(findings: readonly MarkedFinding[]): number {
  return findings.some((f) => f.severity === 'error' && isOpen(f)) ? EXIT.errorsFound : EXIT.ok;
}

/** The last line of a readable report. */
export function resultLine(findings: readonly MarkedFinding[]): string {
  if (exitCodeFor(findings) !== EXIT.ok) return 'Result: errors found.';
  const explained = findings.filter((f) => f.severity === 'error').length;
  return explained
    ? `Result: no unexplained errors (${plural(explained, 'error')} signed off as explained).`
    : 'Result: no errors.';
}

/** A sentence the pane shows, as the command line's message: "mtfs: there is no …". */
export function clause(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1).replace(/\.$/, '');
}
