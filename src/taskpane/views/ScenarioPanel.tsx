import { ScenarioView } from '../components/ScenarioView';
import type { Session } from '../state/session';
import { useStore } from '../state/store';
import { useWrite } from './useWrite';

/** Wires the Scenario view to the session: the switches (answered at once), the targets, and the budget the worker works out for them. */
export function ScenarioPanel({ session }: { session: Session }) {
  const model = useStore(session.store, (s) => s.views.scenario);
  const totals = useStore(session.store, (s) => s.views.totals);
  const choices = useStore(session.store, (s) => s.choices);
  const targets = useStore(session.store, (s) => s.targets);
  const shownCell = useStore(session.store, (s) => s.shownCell);
  const host = useStore(session.store, (s) => s.host);
  const write = useWrite(session, 'scenario');
  if (!model) return null;
  const ready = 'missing' in model ? null : model;
  return (
    <ScenarioView
      missing={'missing' in model ? model.missing : null}
      years={ready?.years ?? []}
      lines={ready?.lines ?? []}
      groups={ready?.groups ?? []}
      choices={choices}
      totals={totals}
      atPlan={choices.in.size === 0 && choices.out.size === 0}
      onSwitch={(lines, on) => session.setLines(lines, on)}
      targets={targets}
      onTargetChange={(year, text) => session.setTarget(year, text)}
      onReset={() => session.resetScenario()}
      selectsCells={host === 'excel'}
      shownCell={shownCell}
      onChooseCell={(sheet, cell) => void session.showCell(sheet, cell)}
      write={write}
    />
  );
}
