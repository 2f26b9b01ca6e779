import { lazy, type ComponentType } from 'react';
import type { Session, ViewId } from '../state/session';
import { CheckPanel } from './CheckPanel';

export interface PaneView {
  id: ViewId;
  /** The tab's label. */
  label: string;
  Panel: ComponentType<{ session: Session }>;
}

/**
 * The pane's views, in tab order. A view is a container reading the session's store and calling its methods,
 * around a pure component. Check comes with the first load; the others load the first time their tab is chosen
 * (one small script, "views"), so the pane opens as fast as it did with Check alone.
 */
export const VIEWS: PaneView[] = [
  { id: 'check', label: 'Check', Panel: CheckPanel },
  {
    id: 'score',
    label: 'Score',
    Panel: lazy(() => import(/* webpackChunkName: "views" */ './panels').then((m) => ({ default: m.ScorePanel }))),
  },
  {
    id: 'report',
    label: 'Report',
    Panel: lazy(() => import(/* webpackChunkName: "views" */ './panels').then((m) => ({ default: m.ReportPanel }))),
  },
  {
    id: 'scenario',
    label: 'Scenario',
    Panel: lazy(() => import(/* webpackChunkName: "views" */ './panels').then((m) => ({ default: m.ScenarioPanel }))),
  },
  {
    id: 'options',
    label: 'Options',
    Panel: lazy(() => import(/* webpackChunkName: "views" */ './panels').then((m) => ({ default: m.OptionsPanel }))),
  },
  {
    id: 'compare',
    label: 'Compare',
    Panel: lazy(() => import(/* webpackChunkName: "views" */ './panels').then((m) => ({ default: m.ComparePanel }))),
  },
];
