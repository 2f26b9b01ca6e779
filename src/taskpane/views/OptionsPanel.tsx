import { OptionsView } from '../components/OptionsView';
import type { Session } from '../state/session';
import { useStore } from '../state/store';
import { useWrite } from './useWrite';

/** Wires the Options view to the session: saved scenarios kept in the workbook, side by side, and the Scenarios sheet. */
export function OptionsPanel({ session }: { session: Session }) {
  const model = useStore(session.store, (s) => s.views.session);
  const busy = useStore(session.store, (s) => s.busy !== null);
  const compared = useStore(session.store, (s) => s.compared);
  const write = useWrite(session, 'scenarios');
  if (!model) return null;
  return (
    <OptionsView
      model={model}
      compared={compared}
      busy={busy}
      onSave={(name) => session.saveScenario(name)}
      onUse={(name) => void session.useScenario(name)}
      onDelete={(name) => void session.deleteScenario(name)}
      onCompare={(names) => session.compareScenarios(names)}
      write={write}
    />
  );
}
