/**
 * Prints the councils corpus measures for a person (test/engine/councils.test.ts holds the check to
 * them): tables found, verdicts at every listed total, false errors, warnings per table and changed
 * figures caught. Run with `npm run councils`.
 */
import { measureCorpus, readCorpus } from '../test/support/councils';

const pct = (a: number, b: number) => `${a} of ${b} (${((100 * a) / Math.max(b, 1)).toFixed(1)}%)`;

async function main(): Promise<void> {
  const m = measureCorpus(await readCorpus());
  const lines = [
    `Tables found: ${pct(m.tables.found, m.tables.expected)}`,
    ...m.tables.missed.map((t) => `  missed ${t}`),
    `Listed totals given the verdict their status calls for: ${pct(m.checks.total - m.checks.wrong.length, m.checks.total)}`,
    ...m.checks.wrong.map((w) => `  wrong ${w}`),
    `False errors: ${m.falseErrors.length}`,
    ...m.falseErrors.map((f) => `  ${f}`),
    `Warnings: ${m.warnings} on ${m.tables.expected} tables (${(m.warnings / Math.max(m.tables.expected, 1)).toFixed(2)} per table)`,
    `Figures changed beyond rounding caught: ${pct(m.changes.caught, m.changes.tried)}`,
    ...m.changes.missed.map((c) => `  not caught ${c}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
