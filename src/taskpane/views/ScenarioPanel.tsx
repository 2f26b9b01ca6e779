import { useMemo } from 'react';
import { ScenarioView } from '../components/ScenarioView';
import { EMPTY_FIELD } from '../state/fields';
import { bridgeBars, changesWords, includedIds, switchGroups, targetValues, yearTotals } from '../state/scenario';
import type { Session } from '../state/session';
import { useStore } from '../state/store';
import { useWrite } from './useWrite';

/** Wires the Scenario view to the session: the switches, the targets, and the engine's budget for them (runScenario, on every change). */
export function ScenarioPanel({ session }: { session: Session }) {
  const scenario = useStore(session.store, (s) => s.scenario);
  const outcome = useStore(session.store, (s) => s.outcome);
  const choices = useStore(session.store, (s) => s.choices);
  const targets = useStore(session.store, (s) => s.targets);
  const shownCell = useStore(session.store, (s) => s.shownCell);
  const host = useStore(session.store, (s) => s.host);
  const write = useWrite(session, 'scenario');
  const view = useMemo(() => {
    if (!scenario || 'missing' in scenario || !outcome) return null;
    const included = includedIds(scenario, choices);
    return {
      groups: switchGroups(scenario, included),
      totals: yearTotals(outcome, targetValues(targets, scenario.base.years.length)),
      changes: changesWords(outcome),
      bars: bridgeBars(outcome.budget),
      years: outcome.budget.years,
    };
  }, [scenario, outcome, choices, targets]);
  if (!scenario) return null;
  const lines = 'missing' in scenario ? [] : scenario.lines;
  return (
    <ScenarioView
      missing={'missing' in scenario ? `The scenario cannot be worked out: ${scenario.missing}.` : null}
      totals={view?.totals ?? []}
      changes={view?.changes ?? ''}
      atPlan={choices.in.size === 0 && choices.out.size === 0}
      groups={view?.groups ?? []}
      onSwitch={(id, on) => {
        const line = lines.find((l) => l.id === id);
        if (line) session.setLine(line, on);
      }}
      targets={(view?.years ?? []).map((year, i) => ({ year, field: targets[i] ?? EMPTY_FIELD }))}
      onTargetChange={(year, text) => session.setTarget(year, text)}
      bars={view?.bars ?? null}
      onReset={() => session.resetScenario()}
      selectsCells={host === 'excel'}
      shownCell={shownCell}
      onChooseCell={(sheet, cell) => void session.showCell(sheet, cell)}
      write={write}
    />
  );
}
