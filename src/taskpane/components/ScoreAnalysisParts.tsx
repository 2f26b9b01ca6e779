import { Button, Caption1, makeStyles, Text, tokens, useId } from '@fluentui/react-components';
import { useRef, type ChangeEvent } from 'react';
import type { ChangesView, ProposalExtras, RobustnessView } from '../state/score-analysis';
import { useViewStyles } from './ViewParts';
import { WeightTornado } from './WeightTornado';

/*
 * The Score view's parts for the questions a commercial lead is asked next: how robust the order is to the
 * weights, what it would take to move a proposal up a band, who scored what, and what changed since an earlier
 * scoring. Props in, callbacks out: every word comes from the state layer.
 */

const useStyles = makeStyles({
  items: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
  },
  nested: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  hidden: { display: 'none' },
});

/**
 * Said while the analysis is worked out in the worker (a second or more at a hundred proposals): in words, never by
 * dimming what is shown, so everything on screen stays as readable as ever.
 */
export function AnalysisWorking() {
  const styles = useViewStyles();
  return (
    <Caption1 className={styles.hint} data-analysis="working">
      Working out how robust the order is to the weights and what it would take…
    </Caption1>
  );
}

export function RobustnessSection({ view, working = false }: { view: RobustnessView; working?: boolean }) {
  const styles = useViewStyles();
  const own = useStyles();
  const heading = useId('robustness-heading');
  const verdicts = useId('verdicts-heading');
  return (
    <section className={styles.section} aria-labelledby={heading} aria-busy={working} data-section="robustness">
      <h2 id={heading} className={styles.heading}>
        How robust the order is to the weights
      </h2>
      {/* While the figures change (an envelope being typed) the explanation gives way to this, in the same place. */}
      <Caption1 className={styles.hint} data-analysis={working ? 'working' : undefined}>
        {working
          ? 'The figures changed: working this out again. Until then, what follows is for the figures before.'
          : `Each bar: the weights one criterion can have, the others rescaled to keep ${view.total}, before ${view.watching} change. The dark mark is the weight now.`}
      </Caption1>
      <WeightTornado
        bars={view.bars}
        total={view.total}
        title={`How far each weight can move before ${view.watching} change`}
      />
      <ul className={own.items} aria-label="What changes first">
        {view.bars.map((b) => (
          <li key={b.name}>
            <Text size={200}>
              <span className={styles.strong}>{`${b.name} (${b.weightText}): `}</span>
              {[b.movable ? `holds from ${b.rangeText.replace('–', ' to ')}.` : 'cannot move.', b.below, b.above]
                .filter(Boolean)
                .join(' ')}
            </Text>
          </li>
        ))}
      </ul>
      <h3 id={verdicts} className={styles.subheading}>
        Each proposal
      </h3>
      <ul className={own.items} aria-labelledby={verdicts}>
        {view.verdicts.map((v) => (
          <li key={v.ref} data-verdict={v.ref}>
            <Text size={200}>{v.text}</Text>
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface EarlierScoresProps {
  view: ChangesView | null;
  busy: boolean;
  onPick(file: File): void;
  onClear(): void;
}

/** Opens an earlier scoring workbook (read on this computer, never changed) and says what changed since. */
export function EarlierScoresSection({ view, busy, onPick, onClear }: EarlierScoresProps) {
  const styles = useViewStyles();
  const own = useStyles();
  const heading = useId('earlier-heading');
  const input = useRef<HTMLInputElement>(null);
  const picked = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) onPick(file);
  };
  return (
    <section className={styles.section} aria-labelledby={heading} data-section="earlier-scores">
      <h2 id={heading} className={styles.heading}>
        Changes since an earlier scoring
      </h2>
      <Caption1 className={styles.hint}>
        Open an earlier scoring workbook to see every score, figure and note that changed since, so no change goes
        unnoticed.
      </Caption1>
      <input
        ref={input}
        type="file"
        accept=".xlsx"
        className={own.hidden}
        aria-label="Choose an earlier scoring workbook (.xlsx)"
        onChange={picked}
      />
      <div className={styles.actions}>
        <Button size="small" disabled={busy} onClick={() => input.current?.click()}>
          {view ? 'Choose another earlier scoring' : 'Choose an earlier scoring (.xlsx)'}
        </Button>
        {view && (
          <Button size="small" appearance="subtle" onClick={onClear}>
            Stop comparing
          </Button>
        )}
      </div>
      {view && (
        <div className={styles.summary} role="status" aria-label="Changes since the earlier scoring">
          <Text weight="semibold">{`Since ${view.previousName}: ${view.summary}`}</Text>
          {view.model.length > 0 && (
            <ul className={own.items} aria-label="Changes to the scoring model">
              {view.model.map((m) => (
                <li key={m}>
                  <Text size={200}>{`Model: ${m}`}</Text>
                </li>
              ))}
            </ul>
          )}
          <ul className={own.items}>
            {view.proposals.map((p) => (
              <li key={p.ref} data-changed={p.ref}>
                <Text size={200}>{p.text}</Text>
              </li>
            ))}
          </ul>
          <Caption1
            className={styles.hint}
          >{`${view.previousName} is read on this computer and not changed.`}</Caption1>
        </div>
      )}
    </section>
  );
}

/** Inside a proposal: what it would take to move it up a band, who scored it, and what changed since. */
export function ProposalExtrasPanel({ extras, proposalRef: ref }: { extras: ProposalExtras; proposalRef: string }) {
  const styles = useViewStyles();
  const own = useStyles();
  return (
    <>
      {(extras.moves.length > 0 || extras.noMove) && (
        <div data-what-it-takes={ref}>
          <h3 className={styles.subheading}>What it would take to move up a band</h3>
          {extras.noMove && <Text size={200}>{extras.noMove}</Text>}
          <ul className={own.items}>
            {extras.moves.map((m) => (
              <li key={m}>
                <Text size={200}>{m}</Text>
              </li>
            ))}
            {extras.gates.map((g) => (
              <li key={g.title}>
                <Text size={200}>{`To lift ${g.title}, ${g.needs}`}</Text>
                {g.changes.length > 0 && (
                  <ul className={own.nested}>
                    {g.changes.map((c) => (
                      <li key={c}>
                        <Text size={200}>{c}</Text>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {extras.notes.length > 0 && (
        <div data-who-scored={ref}>
          <h3 className={styles.subheading}>Who scored what</h3>
          <ul className={own.items}>
            {extras.notes.map((n) => (
              <li key={n.label}>
                <Text size={200}>
                  <span className={styles.strong}>{n.label}</span>
                  {`: ${n.scoredBy ? `scored by ${n.scoredBy}` : 'scorer not given'}${n.rationale ? `. ${n.rationale}` : ''}`}
                  {n.cell && <span className={styles.cell}>{` ${n.cell}`}</span>}
                </Text>
              </li>
            ))}
          </ul>
        </div>
      )}
      {extras.changes && (
        <div data-changes={ref}>
          <h3 className={styles.subheading}>Changed since the earlier scoring</h3>
          <ul className={own.items}>
            {extras.changes.map((c) => (
              <li key={c}>
                <Text size={200}>{c}</Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
