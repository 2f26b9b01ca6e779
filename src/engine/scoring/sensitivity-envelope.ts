import { Decimal } from '../money';
import { chooseWithinEnvelope, envelopeMargin } from './envelope';
import type { BandSteps } from './band-steps';
import type { Walk } from './sensitivity-places';
import type { ScoredProposal } from './score';
import { walk, type State } from './weight-walk';

/** The envelope's choice (indices, in order) with the rewards shown as `tenths`; gated proposals are never chosen. */
export function chooseAt(
  bands: BandSteps,
  projects: ScoredProposal[],
  tenths: readonly number[],
  envelope: Decimal,
): number[] {
  return chooseWithinEnvelope(candidates(bands, projects, tenths), envelope)
    .chosen.map((c) => c.i)
    .sort((a, b) => a - b);
}

function candidates(bands: BandSteps, projects: ScoredProposal[], tenths: readonly number[]) {
  return projects.flatMap((p, i) =>
    bands.gated(i, tenths[i]!)
      ? []
      : [{ i, reward: new Decimal(tenths[i]!).div(10), investment: p.investment, annualReturn: p.annualReturn }],
  );
}

/**
 * The first state, up to `limit`, at which the envelope's choice changes; null when it stays the same. The choice
 * is made again only when it could have changed: when a proposal's gate lifts or applies, or when the rewards
 * have moved against the chosen set by as much as its lead over the best other set (see envelopeMargin).
 */
export function envelopeChange(
  w: Walk,
  projects: ScoredProposal[],
  envelope: Decimal,
  chosen: number[],
  limit: State,
): State | null {
  const was = new Set(chosen);
  let reference = [...w.tenths];
  // Worked out only once a supported proposal's reward first moves: the walk may end before one does.
  let lead: number | null | undefined;
  let drift = 0;
  const against = (i: number, tenths: number) => {
    const moved = tenths - reference[i]!;
    return was.has(i) ? Math.max(0, -moved) : Math.max(0, moved);
  };
  let found: State | null = null;
  const last = [...w.tenths];
  walk(w.lines, w.from, limit.t, w.dir, (changed, at, beyond, tenths) => {
    if (!changed.length) return false;
    let gateMoved = false;
    for (const i of changed) {
      const before = last[i]!;
      last[i] = tenths[i]!;
      if (w.bands.gated(i, before) !== w.bands.gated(i, tenths[i]!)) gateMoved = true;
      drift += against(i, tenths[i]!) - against(i, before);
    }
    const supportedMoved = changed.some((i) => !w.bands.gated(i, tenths[i]!));
    if (lead === undefined && supportedMoved) lead = margin(w, projects, reference, envelope, chosen);
    const mayChange =
      gateMoved || (lead !== null && lead !== undefined && (lead === 0 ? supportedMoved : drift >= lead));
    if (!mayChange) return false;
    const now = chooseAt(w.bands, projects, tenths, envelope);
    if (now.length !== chosen.length || now.some((i, k) => i !== chosen[k])) {
      found = { t: at, beyond };
      return true;
    }
    reference = [...tenths];
    lead = undefined;
    drift = 0;
    return false;
  });
  return found;
}

function margin(
  w: Walk,
  projects: ScoredProposal[],
  tenths: readonly number[],
  envelope: Decimal,
  chosen: number[],
): number | null {
  const all = candidates(w.bands, projects, tenths);
  return envelopeMargin(
    all,
    envelope,
    all.filter((c) => chosen.includes(c.i)),
  );
}
