import { Badge, Button, Caption1, makeStyles, MessageBar, MessageBarBody, mergeClasses, Text, tokens, useId, type BadgeProps } from '@fluentui/react-components';
import { useRef, type ChangeEvent } from 'react';
import type { Change } from '../../engine/changes';
import type { ChangeItem, CompareView as CompareViewModel } from '../state/compare';
import { ItemButton, type ItemAccent } from './ItemButton';
import { useViewStyles } from './ViewParts';
import { WritePanel, type WritePanelProps } from './WritePanel';

const useStyles = makeStyles({
  marker: { color: tokens.colorPaletteDarkOrangeForeground1 },
  badge: { flexShrink: 0, whiteSpace: 'nowrap', overflowWrap: 'normal' },
  amounts: { fontVariantNumeric: 'tabular-nums' },
});

const BADGE: Record<Change, BadgeProps['color']> = { new: 'brand', amended: 'warning', removed: 'danger', unchanged: 'informative' };
const ACCENT: Record<Change, ItemAccent> = { new: 'brand', amended: 'warning', removed: 'danger', unchanged: 'neutral' };

export interface CompareViewProps {
  /** The previous MTFS's file name, once chosen. */
  previousName: string | null;
  onPickPrevious(file: File): void;
  busy: boolean;
  view: CompareViewModel | null;
  selectsCells: boolean;
  shownCell: { sheet: string; cell: string } | null;
  onChooseCell(sheet: string, cell: string): void;
  write: WritePanelProps;
}

/** The Compare view: this MTFS against the previous one, line by line (new, amended, removed), the stars that disagree, and the Changes sheet. */
export function CompareView(props: CompareViewProps) {
  const styles = useViewStyles();
  const input = useRef<HTMLInputElement>(null);
  const tablesHeading = useId('changes-heading');
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) props.onPickPrevious(file);
  };
  return (
    <div className={styles.root}>
      <section className={styles.section} aria-label="Previous MTFS">
        <Caption1 className={styles.hint}>
          Compare this MTFS with the previous one (last year&apos;s, or an earlier draft) to see what is new, amended or removed, and whether each line&apos;s * or ** is right.
        </Caption1>
        <input ref={input} type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-label="Choose the previous MTFS (.xlsx)" tabIndex={-1} hidden onChange={onChange} />
        <div className={styles.actions}>
          <Button appearance={props.previousName ? 'secondary' : 'primary'} disabledFocusable={props.busy} onClick={() => input.current?.click()}>
            {props.previousName ? 'Choose another previous MTFS' : 'Choose the previous MTFS (.xlsx)'}
          </Button>
        </div>
        {props.previousName && <Text size={200} className={styles.wrap}>{`Compared with ${props.previousName}. The file is read on this computer and not changed.`}</Text>}
      </section>

      {props.view && (
        <>
          <div className={styles.summary} role="status">
            <Text weight="semibold">{props.view.summary}</Text>
            <span>
              <Badge appearance="filled" color={props.view.disagreements ? 'warning' : 'success'}>
                {props.view.disagreements ? `${props.view.disagreements} star marker${props.view.disagreements === 1 ? '' : 's'} to correct` : 'Every star marker agrees'}
              </Badge>
            </span>
          </div>
          <section className={styles.section} aria-labelledby={tablesHeading}>
            <h2 id={tablesHeading} className={styles.heading}>
              Changes by table
            </h2>
            {!props.selectsCells && <Caption1 className={styles.hint}>Each line shows its cell in this MTFS. In Excel, choosing a line selects that cell.</Caption1>}
            {props.view.tables.map((t) => (
              <section key={t.key} className={styles.section} aria-label={t.title}>
                <h3 className={styles.heading}>{t.title}</h3>
                <Caption1 className={styles.hint}>{t.where}</Caption1>
                {t.note && (
                  <MessageBar intent="info" layout="multiline">
                    <MessageBarBody>{t.note}</MessageBarBody>
                  </MessageBar>
                )}
                {t.items.length > 0 && (
                  <ul className={styles.list}>
                    {t.items.map((item) => (
                      <li key={item.key}>
                        <ChangeLine item={item} shownCell={props.shownCell} onChoose={props.onChooseCell} />
                      </li>
                    ))}
                  </ul>
                )}
                <Text size={200}>{`${t.unchanged} unchanged line${t.unchanged === 1 ? '' : 's'}${t.items.some((i) => i.change === 'unchanged') ? ' (those with something to say are listed above)' : ''}.`}</Text>
              </section>
            ))}
          </section>
          <WritePanel {...props.write} />
        </>
      )}
    </div>
  );
}

function ChangeLine({ item, shownCell, onChoose }: { item: ChangeItem; shownCell: CompareViewProps['shownCell']; onChoose(sheet: string, cell: string): void }) {
  const styles = useViewStyles();
  const own = useStyles();
  const body = (
    <>
      <span className={styles.itemTop}>
        <Badge className={own.badge} appearance="tint" color={BADGE[item.change]} size="small">
          {item.label}
        </Badge>
        <span className={mergeClasses(styles.grow, styles.strong)}>{item.name}</span>
        {item.at && <span className={styles.cell}>{item.at.cell}</span>}
      </span>
      {item.amounts && <span className={own.amounts}>{item.amounts}</span>}
      {item.note && <span>{item.note}</span>}
      {item.marker && <span className={own.marker}>{item.marker}</span>}
    </>
  );
  if (!item.at) return <div className={styles.summary}>{body}</div>;
  const words = [item.label, item.name, item.amounts, item.note, item.marker].filter(Boolean).join('. ');
  return (
    <ItemButton
      sheet={item.at.sheet}
      cell={item.at.cell}
      accent={item.marker ? 'warning' : ACCENT[item.change]}
      current={shownCell?.sheet === item.at.sheet && shownCell.cell === item.at.cell}
      label={`${words}. Cell ${item.at.sheet}!${item.at.cell}`}
      onChoose={onChoose}
    >
      {body}
    </ItemButton>
  );
}
