/**
 * The worker's half of the pane's session (Workbench) with the actions the main thread sends it, for tests of the
 * state behind the views without a browser or a worker: failures become the plain message the pane would show,
 * and a write that would replace the add-in's own sheets waits for confirmWrite, as in the pane.
 */
import type { PairingOverride } from '../../src/engine/changes';
import type { ScenarioLine } from '../../src/engine/scenario';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { describeProblem, type PickedFile, type Problem } from '../../src/taskpane/state/session';
import { WRITE_WORDS, type WriteTarget } from '../../src/taskpane/state/write';
import type { YearOneKey } from '../../src/taskpane/state/yearone';
import { Workbench } from '../../src/taskpane/worker/workbench';

const quiet = () => undefined;

export class BenchSession {
  readonly bench = new Workbench('browser', { openXlsx: (bytes) => XlsxWorkbook.open(bytes) });
  private problem: Problem | null = null;
  private confirming: { target: WriteTarget; replace: string[] } | null = null;

  get state() {
    return { ...this.bench.state, problem: this.problem, confirming: this.confirming };
  }

  private async run(failTitle: string, task: () => Promise<unknown>): Promise<void> {
    this.problem = null;
    try {
      await task();
    } catch (e) {
      this.problem = describeProblem(e, failTitle);
    }
  }

  openFile(file: PickedFile) {
    return this.run(`Could not open ${file.name}`, async () =>
      this.bench.openFile(file.name, await file.arrayBuffer(), quiet),
    );
  }
  openPrevious(file: PickedFile) {
    return this.run(`Could not compare with ${file.name}`, async () =>
      this.bench.openPrevious(file.name, await file.arrayBuffer(), quiet),
    );
  }
  checkAgain() {
    return this.run('Could not read the workbook', () => this.bench.checkAgain(quiet));
  }
  async write(target: WriteTarget, confirmed = false) {
    this.confirming = null;
    await this.run(WRITE_WORDS[target].fail, async () => {
      const outcome = await this.bench.write(target, confirmed, quiet);
      if ('confirm' in outcome) this.confirming = { target, replace: outcome.confirm };
    });
  }
  async confirmWrite() {
    if (this.confirming) await this.write(this.confirming.target, true);
  }
  cancelWrite() {
    this.confirming = null;
  }
  setEnvelope(text: string) {
    this.bench.setEnvelope(text);
  }
  setYearOne(key: YearOneKey, text: string) {
    this.bench.setYearOne(key, text);
  }
  resetYearOne() {
    this.bench.resetYearOne();
  }
  setLine(line: ScenarioLine, on: boolean) {
    this.bench.setLines([line.id], on);
  }
  resetScenario() {
    this.bench.resetScenario();
  }
  setTarget(year: number, text: string) {
    this.bench.setTarget(year, text);
  }
  sameLine(previous: string, current: string) {
    this.bench.pair(previous, current, true);
  }
  notSameLine(previous: string, current: string) {
    this.bench.pair(previous, current, false);
  }
  undoCorrection(correction: PairingOverride) {
    this.bench.undoCorrection(correction);
  }
  clearCorrections() {
    this.bench.clearCorrections();
  }
}
