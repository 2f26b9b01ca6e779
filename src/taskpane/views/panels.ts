/** The views loaded on first use (see index.ts). */
export { ComparePanel } from './ComparePanel';
export { OptionsPanel } from './OptionsPanel';
export { ReportPanel } from './ReportPanel';
export { ScenarioPanel } from './ScenarioPanel';
export { ScorePanel } from './ScorePanel';
