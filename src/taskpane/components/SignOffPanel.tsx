import {
  Button,
  Caption1,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { MarkStatus } from '../../engine/session/signoffs';
import type { CardItem, FindingCard } from '../state/findings';
import type { FindingRef } from '../worker/protocol';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    marginBottom: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  stale: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
});

export interface SignOffPanelProps {
  card: FindingCard;
  busy: boolean;
  onMark(finding: FindingRef, status: MarkStatus, note: string): Promise<boolean>;
  onClear(finding: FindingRef): void;
}

/**
 * Signing off the findings on the chosen cell: each one Explained (with a short note for the papers) or To fix, kept in
 * the workbook with the date; or its mark cleared. A mark out of date (its figures changed) says what it was made on.
 */
export function SignOffPanel({ card, busy, onMark, onClear }: SignOffPanelProps) {
  const styles = useStyles();
  return (
    <section className={styles.panel} aria-label={`Marks for ${card.sheet}!${card.cell}`}>
      <Caption1>Explained (with a note for the papers) or To fix; kept in the workbook with the date.</Caption1>
      {card.items.map((item) => (
        <ItemSignOff
          key={item.rule}
          item={item}
          finding={{ rule: item.rule, sheet: card.sheet, cell: card.cell }}
          many={card.items.length > 1}
          busy={busy}
          onMark={onMark}
          onClear={onClear}
        />
      ))}
    </section>
  );
}

function ItemSignOff(props: {
  item: CardItem;
  finding: FindingRef;
  many: boolean;
  busy: boolean;
  onMark: SignOffPanelProps['onMark'];
  onClear: SignOffPanelProps['onClear'];
}) {
  const styles = useStyles();
  const { item } = props;
  const [status, setStatus] = useState<MarkStatus>(item.mark?.status ?? 'explained');
  const [note, setNote] = useState(item.mark?.current ? item.mark.note : '');
  const id = useId('signoff');
  return (
    <div className={styles.item}>
      {props.many && <Text weight="semibold">{item.title}</Text>}
      {item.mark && (
        <Caption1 className={item.mark.current ? undefined : styles.stale} role="status">
          {item.mark.current ? `${item.mark.words}${item.mark.note ? `: ${item.mark.note}` : ''}` : item.mark.outOfDate}
        </Caption1>
      )}
      <RadioGroup
        layout="horizontal"
        aria-label={`Mark for ${item.title}`}
        value={status}
        onChange={(_, data) => setStatus(data.value as MarkStatus)}
      >
        <Radio value="explained" label="Explained" />
        <Radio value="to-fix" label="To fix" />
      </RadioGroup>
      <Field label={status === 'explained' ? 'Why it is explained' : 'Note (optional)'}>
        <Textarea
          id={id}
          resize="vertical"
          value={note}
          placeholder={status === 'explained' ? 'e.g. £1 rounding, as published' : 'e.g. ask the service to correct'}
          onChange={(_, data) => setNote(data.value)}
        />
      </Field>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          size="small"
          disabledFocusable={props.busy}
          onClick={() => void props.onMark(props.finding, status, note)}
        >
          Save mark
        </Button>
        {item.mark && (
          <Button size="small" disabledFocusable={props.busy} onClick={() => props.onClear(props.finding)}>
            Clear mark
          </Button>
        )}
      </div>
    </div>
  );
}
