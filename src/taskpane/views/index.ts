import type { ComponentType } from 'react';
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
 * around a pure component. Score and Report are added here (and to ViewId) when their engine APIs land.
 */
export const VIEWS: PaneView[] = [{ id: 'check', label: 'Check', Panel: CheckPanel }];
