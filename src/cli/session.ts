import { basename } from 'node:path';
import type { CheckResult } from '../engine/check';
import { buildScenario, type Scenario } from '../engine/scenario';
import { scoreWorkbook } from '../engine/scoring';
import { readSession, type SessionRecord } from '../engine/session';
import type { AddinStore } from '../engine/store';
import { checkThrough, type ReadWorkbook } from '../engine/workflow';
import type { XlsxWorkbook } from '../hosts/xlsx';
import { checkOutput, CommandFailure, openWorkbook, writeAtomically } from './io';
import { sameName } from './report';

/** A workbook opened for a session command: read, checked, and what its record keeps (saved scenarios, sign-offs). */
export interface OpenSession {
  wb: XlsxWorkbook;
  read: ReadWorkbook;
  check: CheckResult;
  store: AddinStore | null;
  session: SessionRecord;
}

export async function openSession(file: string): Promise<OpenSession> {
  const wb = await openWorkbook(file);
  const { read, check } = await checkThrough(wb);
  const store = await wb.readStore();
  return { wb, read, check, store, session: readSession(store) };
}

/** The lines a session can switch in this workbook (with its proposals, when it has a Commercial Projects sheet). */
export function scenarioOf(open: OpenSession): Scenario {
  const scores = scoreWorkbook(open.read.inputs);
  const built = buildScenario(open.check, scores.proposalsSheet ? scores : undefined);
  if ('missing' in built) throw new CommandFailure(`the scenario cannot be worked out: ${built.missing}`);
  return built;
}

export interface SaveOptions {
  output?: string;
  inPlace?: boolean;
}

/** Where a command that changes the record writes: -o, never the input unless --in-place. Checked before reading. */
export async function outputFor(file: string, opts: SaveOptions): Promise<string> {
  if (!opts.output)
    throw new CommandFailure(
      `give -o <out.xlsx> for the workbook to write (or -o ${file} --in-place to keep it in this file); nothing was written`,
    );
  return checkOutput(opts.output, [
    {
      file,
      inPlace: opts.inPlace,
      sameFile: `the output would overwrite the input ${file}${sameName(opts.output, file)}; give another -o file, or --in-place to keep it in this file`,
    },
  ]);
}

/** Writes the workbook with its record changed: every sheet and part of it copied as it was. */
export async function saveRecord(open: OpenSession, store: AddinStore, output: string): Promise<void> {
  await open.wb.writeStore(store);
  await writeAtomically(output, await open.wb.toBuffer());
}

/** The damaged entries of the record, said once on stderr (the rest of the record is used). */
export function sayProblems(file: string, session: SessionRecord): void {
  for (const p of session.problems) process.stderr.write(`mtfs: ${basename(file)}: ${p}\n`);
}
