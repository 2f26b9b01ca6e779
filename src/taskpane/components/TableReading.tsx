import { Button, Caption1, Input, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { COLUMN_ROLES, ROW_ROLES, SIGNS, UNITS } from '../../engine/reader/corrections';
import {
  COLUMN_ROLE_LABELS,
  ROW_ROLE_LABELS,
  SIGNS_LABELS,
  type ReadingChange,
  type ReadingView,
  type TotalView,
} from '../state/reading';
import { useViewStyles } from './ViewParts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    marginBlockEnd: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  question: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 9.5em)',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    minWidth: 0,
  },
  label: { minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  pair: { display: 'flex', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  grow: { flexGrow: 1, minWidth: 0 },
  total: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

export interface TableReadingProps {
  /** The table's id and sheet, and how it was read. */
  id: string;
  sheet: string;
  reading: ReadingView;
  /** Inside Excel: choosing a total selects it and its lines. */
  selectsCells: boolean;
  /** Why what was typed for a total's rows could not be read (key "<table id>#<row>"). */
  problem: { key: string; message: string } | null;
  onCorrect(table: string, change: ReadingChange): void;
  onCorrectTotal(table: string, row: number, text: string): void;
  onShowTotal(sheet: string, cells: string[]): void;
  /** "As read": takes the table's signs correction back. */
  onSignsAsRead(table: string): void;
}

/**
 * How one table was read, and a correction to each part in one or two clicks: each column's role (and a figures
 * column's unit), each row's role, what each total adds up, the signs, the department, "not a budget table".
 */
export function TableReading(props: TableReadingProps) {
  const styles = useViewStyles();
  const own = useStyles();
  const { id, reading: r } = props;
  const correct = (change: ReadingChange) => props.onCorrect(id, change);
  return (
    <div className={own.root}>
      <Caption1>{`${r.summary} Headed “${r.heading}” from ${r.anchor}.`}</Caption1>
      {r.questions.map((q) => (
        <Text key={q} size={200} className={own.question}>
          {q}
        </Text>
      ))}

      <h3 className={styles.subheading}>Columns</h3>
      <ul className={styles.list} aria-label="Columns">
        {r.columns.map((c) => (
          <li key={c.column} className={own.item}>
            <span className={own.label}>
              <Text size={200} weight="semibold">{`${c.column} `}</Text>
              <Text size={200}>{c.heading || '(no heading)'}</Text>
              {c.detail && <Caption1 className={own.muted}>{` · ${c.detail}`}</Caption1>}
              <br />
              <Caption1 className={own.muted}>{`${c.confidence} confidence: ${c.evidence}`}</Caption1>
            </span>
            <span className={own.stack}>
              <Select
                size="small"
                aria-label={`Column ${c.column} is`}
                value={c.role}
                onChange={(_, d) => correct({ column: c.column, role: d.value as (typeof COLUMN_ROLES)[number] })}
              >
                {!COLUMN_ROLES.includes(c.role as (typeof COLUMN_ROLES)[number]) && (
                  <option value={c.role} disabled>
                    {COLUMN_ROLE_LABELS[c.role]}
                  </option>
                )}
                {COLUMN_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {COLUMN_ROLE_LABELS[role]}
                  </option>
                ))}
              </Select>
              {c.money && (
                <Select
                  size="small"
                  aria-label={`Column ${c.column}'s figures are in`}
                  value={c.unit}
                  onChange={(_, d) => correct({ column: c.column, unit: d.value as (typeof UNITS)[number] })}
                >
                  {!UNITS.includes(c.unit as (typeof UNITS)[number]) && (
                    <option value={c.unit} disabled>
                      {c.unit ? `in ${c.unit}` : 'Unit not stated'}
                    </option>
                  )}
                  {UNITS.map((u) => (
                    <option key={u} value={u}>
                      {`in ${u}`}
                    </option>
                  ))}
                </Select>
              )}
              {c.asked && (
                <Button
                  size="small"
                  onClick={() => correct({ column: c.column, role: c.role as (typeof COLUMN_ROLES)[number] })}
                >
                  {`Yes, ${COLUMN_ROLE_LABELS[c.role].toLowerCase()}`}
                </Button>
              )}
            </span>
          </li>
        ))}
      </ul>

      <h3 className={styles.subheading}>Rows</h3>
      {!r.allRows && (
        <Caption1 className={own.muted}>
          Its headings, totals and memo lines. To change another row, give its number below.
        </Caption1>
      )}
      <ul className={styles.list} aria-label="Rows">
        {r.rows.map((row) => (
          <li key={row.row} className={own.item}>
            <Text size={200} className={own.label}>
              {`${row.row} ${row.label || '(no label)'}${row.why ? ` (a memo line: ${row.why})` : ''}`}
            </Text>
            <RowRole row={row.row} role={row.role} onChange={(role) => correct({ row: row.row, role })} />
          </li>
        ))}
      </ul>
      {!r.allRows && <OtherRow onChange={(row, role) => correct({ row, role })} />}

      {r.totals.length > 0 && (
        <>
          <h3 className={styles.subheading}>Totals</h3>
          <ul className={styles.list} aria-label="Totals">
            {r.totals.map((t) => (
              <li key={`${t.row}:${t.adds.join()}`}>
                <TotalLine
                  total={t}
                  selectsCells={props.selectsCells}
                  problem={props.problem?.key === `${id}#${t.row}` ? props.problem.message : null}
                  onShow={() => props.onShowTotal(props.sheet, t.cells)}
                  onAdds={(text) => props.onCorrectTotal(id, t.row, text)}
                />
              </li>
            ))}
          </ul>
        </>
      )}

      <h3 className={styles.subheading}>The table</h3>
      <div className={own.item}>
        <Text size={200}>Signs of its figures</Text>
        <Select
          size="small"
          aria-label="Signs of its figures"
          value={r.signs}
          onChange={(_, d) =>
            d.value ? correct({ signs: d.value as (typeof SIGNS)[number] }) : props.onSignsAsRead(id)
          }
        >
          {(['', ...SIGNS] as const).map((s) => (
            <option key={s} value={s}>
              {SIGNS_LABELS[s]}
            </option>
          ))}
        </Select>
      </div>
      <Department current={r.department} onSet={(department) => correct({ department })} />
      <div className={styles.actions}>
        <Button size="small" onClick={() => correct({ notATable: true })}>
          Not a budget table
        </Button>
      </div>
      {r.corrections.length > 0 && <Caption1>{`Your corrections here: ${r.corrections.join('; ')}.`}</Caption1>}
    </div>
  );
}

function RowRole(props: {
  row: number;
  role: (typeof ROW_ROLES)[number];
  onChange(role: (typeof ROW_ROLES)[number]): void;
}) {
  return (
    <Select
      size="small"
      aria-label={`Row ${props.row} is`}
      value={props.role}
      onChange={(_, d) => props.onChange(d.value as (typeof ROW_ROLES)[number])}
    >
      {ROW_ROLES.map((role) => (
        <option key={role} value={role}>
          {ROW_ROLE_LABELS[role]}
        </option>
      ))}
    </Select>
  );
}

/** A row not listed (a line of a long table), chosen by its number. */
function OtherRow({ onChange }: { onChange(row: number, role: (typeof ROW_ROLES)[number]): void }) {
  const own = useStyles();
  const [row, setRow] = useState('');
  const [role, setRole] = useState<(typeof ROW_ROLES)[number]>('memo');
  const n = Number(row);
  return (
    <div className={own.pair}>
      <Input
        size="small"
        className={own.grow}
        aria-label="Row number"
        inputMode="numeric"
        value={row}
        onChange={(_, d) => setRow(d.value)}
      />
      <Select
        size="small"
        aria-label="Row is"
        value={role}
        onChange={(_, d) => setRole(d.value as (typeof ROW_ROLES)[number])}
      >
        {ROW_ROLES.map((r) => (
          <option key={r} value={r}>
            {ROW_ROLE_LABELS[r]}
          </option>
        ))}
      </Select>
      <Button size="small" disabled={!Number.isInteger(n) || n < 1} onClick={() => onChange(n, role)}>
        Apply
      </Button>
    </div>
  );
}

function TotalLine(props: {
  total: TotalView;
  selectsCells: boolean;
  problem: string | null;
  onShow(): void;
  onAdds(text: string): void;
}) {
  const own = useStyles();
  const t = props.total;
  const [text, setText] = useState(t.adds.join(', '));
  const name = `Row ${t.row}${t.label ? ` ${t.label}` : ''}`;
  return (
    <div className={own.total}>
      <Text size={200}>{`${name} adds up rows ${t.adds.join(', ') || '(none)'} (${t.confidence} confidence)`}</Text>
      <div className={own.pair}>
        {props.selectsCells && (
          <Button size="small" onClick={props.onShow} aria-label={`Select ${name} and its lines in Excel`}>
            Select
          </Button>
        )}
        <Input
          size="small"
          className={own.grow}
          aria-label={`Rows ${name} adds up`}
          value={text}
          onChange={(_, d) => setText(d.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') props.onAdds(text);
          }}
        />
        <Button size="small" onClick={() => props.onAdds(text)}>
          Apply
        </Button>
      </div>
      {t.asked && t.adds.length > 0 && (
        <div>
          <Button size="small" onClick={() => props.onAdds(t.adds.join(', '))}>
            {`Yes, it adds up rows ${t.adds.join(', ')}`}
          </Button>
        </div>
      )}
      {props.problem && (
        <Caption1 role="alert" className={own.problem}>
          {props.problem}
        </Caption1>
      )}
    </div>
  );
}

function Department({ current, onSet }: { current: string; onSet(department: string): void }) {
  const own = useStyles();
  const [text, setText] = useState(current);
  return (
    <div className={own.pair}>
      <Input
        size="small"
        className={own.grow}
        aria-label="Department it belongs to"
        placeholder="Department it belongs to"
        value={text}
        onChange={(_, d) => setText(d.value)}
      />
      <Button size="small" disabled={!text.trim() || text.trim() === current} onClick={() => onSet(text.trim())}>
        Set
      </Button>
    </div>
  );
}
