import { compareScores, type ScoreChanges } from './score-changes';
import type { ScoreResult } from './index';
import { weightSensitivity, type WeightSensitivity } from './sensitivity';
import { whatItTakes, type WhatItTakes } from './what-it-takes';

/** The questions a commercial lead is asked next: how robust the ranking is to the weights, and what it would take. */
export interface ScoreAnalysis {
  sensitivity: WeightSensitivity;
  whatItTakes: WhatItTakes[];
}

// Worked out once per scoring: the task pane's view, its write plan and the report sheet all ask for the same one.
const analyses = new WeakMap<ScoreResult, ScoreAnalysis | null>();

/** The analysis of a scoring (null when nothing was scored); the same object for the same result. */
export function scoreAnalysis(result: ScoreResult): ScoreAnalysis | null {
  if (!analyses.has(result)) {
    const { model, projects } = result;
    const scored = model && projects.length > 0 && !result.findings.some((f) => f.severity === 'error');
    analyses.set(
      result,
      scored
        ? {
            sensitivity: weightSensitivity(projects, model, result.selection?.envelope),
            whatItTakes: whatItTakes(projects, model),
          }
        : null,
    );
  }
  return analyses.get(result) ?? null;
}

/** A scoring to compare with: the file's name and its scores. */
export interface PreviousScores {
  name: string;
  result: ScoreResult;
}

/** What changed since the previous scoring, or null when either could not be scored. */
export function scoreChanges(previous: PreviousScores | null | undefined, current: ScoreResult): ScoreChanges | null {
  if (!previous?.result.model || !current.model) return null;
  return compareScores(previous.result, current);
}
