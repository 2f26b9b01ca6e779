import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { SessionModel, SideBySideModel } from '../worker/protocol';
import { useViewStyles } from './ViewParts';
import { WritePanel, type WritePanelProps } from './WritePanel';

const useStyles = makeStyles({
  saved: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  stale: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
  saveRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    tableLayout: 'fixed',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  name: { textAlign: 'start', fontWeight: tokens.fontWeightRegular, overflowWrap: 'anywhere', paddingBlock: '2px' },
  nameColumn: { width: '42%' },
  head: { textAlign: 'end', color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', paddingBlock: '2px' },
  strong: { fontWeight: tokens.fontWeightSemibold },
  year: { margin: 0, textAlign: 'start', fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
});

export interface OptionsViewProps {
  model: SessionModel;
  /** The names ticked to compare, as the user ticked them. */
  compared: string[];
  busy: boolean;
  onSave(name: string): Promise<boolean>;
  onUse(name: string): void;
  onDelete(name: string): void;
  onCompare(names: string[]): void;
  write: WritePanelProps;
}

/**
 * Named scenarios kept in the workbook: save the Scenario tab's switches and targets under a name, use or delete a
 * saved one, and see up to four of them side by side with the published plan, year by year; then write the
 * Scenarios sheet.
 */
export function OptionsView(props: OptionsViewProps) {
  const styles = useViewStyles();
  const own = useStyles();
  const { model } = props;
  const [name, setName] = useState('');
  // Deleting asks first, in place: a saved option is the session's work.
  const [deleting, setDeleting] = useState<string | null>(null);
  const nameId = useId('scenario-name');
  const { compared } = props;
  const toggle = (n: string, on: boolean) => props.onCompare(on ? [...compared, n] : compared.filter((c) => c !== n));
  return (
    <div className={styles.root}>
      <section className={styles.section} aria-labelledby={`${nameId}-heading`}>
        <h2 id={`${nameId}-heading`} className={styles.heading}>
          Save the Scenario tab as a named scenario
        </h2>
        <Caption1 className={styles.hint}>{model.current}</Caption1>
        <div className={own.saveRow}>
          <Field label="Name" className={styles.grow}>
            <Input
              id={nameId}
              value={name}
              placeholder="Option A: protect libraries"
              onChange={(_, data) => setName(data.value)}
            />
          </Field>
          <Button
            appearance="primary"
            disabledFocusable={props.busy || !model.canKeep}
            onClick={() => void props.onSave(name).then((saved) => saved && setName(''))}
          >
            Save
          </Button>
        </div>
        <Caption1 className={styles.hint}>
          Kept in the workbook: it comes back when the workbook is opened again, here and on the command line.
        </Caption1>
      </section>

      <section className={styles.section} aria-labelledby={`${nameId}-saved`}>
        <h2 id={`${nameId}-saved`} className={styles.heading}>
          {`Saved scenarios (${model.scenarios.length})`}
        </h2>
        {model.scenarios.length === 0 && (
          <Text size={200}>None yet. Switch lines and set targets on the Scenario tab, then save them here.</Text>
        )}
        <ul className={styles.list} aria-label="Saved scenarios">
          {model.scenarios.map((s) => (
            <li key={s.name} className={own.saved} data-scenario={s.name}>
              <Text weight="semibold" className={styles.wrap}>
                {s.name}
              </Text>
              <Caption1 className={styles.hint}>{`Saved ${s.saved}. ${s.words}`}</Caption1>
              {s.notApplied && <Caption1 className={own.stale}>{s.notApplied}</Caption1>}
              <div className={styles.actions}>
                <Checkbox
                  label="Compare"
                  checked={compared.includes(s.name)}
                  disabled={!compared.includes(s.name) && compared.length >= 4}
                  onChange={(_, data) => toggle(s.name, data.checked === true)}
                />
                <Button
                  size="small"
                  disabledFocusable={props.busy || Boolean(s.notApplied)}
                  onClick={() => props.onUse(s.name)}
                >
                  Use
                </Button>
                {deleting === s.name ? (
                  <>
                    <Button
                      size="small"
                      appearance="primary"
                      disabledFocusable={props.busy}
                      onClick={() => {
                        setDeleting(null);
                        props.onDelete(s.name);
                      }}
                    >
                      {`Delete “${s.name}”`}
                    </Button>
                    <Button size="small" onClick={() => setDeleting(null)}>
                      Keep
                    </Button>
                  </>
                ) : (
                  <Button
                    size="small"
                    aria-label={`Delete ${s.name}`}
                    disabledFocusable={props.busy}
                    onClick={() => setDeleting(s.name)}
                  >
                    Delete
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>

      {model.side ? (
        <SideBySide side={model.side} />
      ) : (
        model.scenarios.length > 0 && (
          <Caption1 className={styles.hint}>
            Tick Compare on one to four saved scenarios to see them side by side with the published plan.
          </Caption1>
        )
      )}
      <WritePanel {...props.write} />
    </div>
  );
}

/** Year by year: each scenario's proposed budget, its change from the published plan and its gap to target. */
function SideBySide({ side }: { side: SideBySideModel }) {
  const styles = useViewStyles();
  const own = useStyles();
  const headingId = useId('side');
  const hasTarget = side.columns.some((c) => c.target.some((t) => t !== '–'));
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        Side by side, £000
      </h2>
      {side.years.map((year, y) => (
        <table key={year} className={own.table} aria-label={`${year}, £000`}>
          <caption className={own.year}>{year}</caption>
          <thead>
            <tr>
              <th className={`${own.name} ${own.nameColumn}`} scope="col">
                <span className={styles.hint}>Scenario</span>
              </th>
              <th className={own.head} scope="col">
                Proposed
              </th>
              <th className={own.head} scope="col">
                vs plan
              </th>
              {hasTarget && (
                <th className={own.head} scope="col">
                  Gap
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {side.columns.map((c, i) => (
              <tr key={c.name} data-column={c.name}>
                <th className={own.name} scope="row">
                  {c.name}
                </th>
                <td className={`${own.num} ${own.strong}`}>{c.proposed[y]}</td>
                <td className={own.num}>{i === 0 ? '' : c.fromPlan[y]}</td>
                {hasTarget && <td className={own.num}>{c.gap[y]}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {hasTarget && (
        <Caption1 className={styles.hint}>Gap: the proposed budget above (+) or below (-) its own target.</Caption1>
      )}
      {side.differences.length > 0 && (
        <>
          <h3 className={styles.subheading}>What differs</h3>
          <ul className={styles.list} aria-label="Lines switched differently">
            {side.differences.map((d) => (
              <li key={d.cell}>
                <Text size={200} className={styles.wrap}>
                  <span className={styles.strong}>{d.label}</span>
                  {`: in ${namesWhere(side, d.in, true)}; out ${namesWhere(side, d.in, false)}.`}
                </Text>
              </li>
            ))}
          </ul>
        </>
      )}
      {side.notes.map((n) => (
        <MessageBar key={n} intent="warning" layout="multiline">
          <MessageBarBody>{n}</MessageBarBody>
        </MessageBar>
      ))}
    </section>
  );
}

function namesWhere(side: SideBySideModel, inn: boolean[], on: boolean): string {
  const names = side.columns.filter((_, i) => inn[i] === on).map((c) => c.name);
  return names.length ? names.join(', ') : 'none';
}
