import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  useId,
} from '@fluentui/react-components';
import type { MoneyField } from '../state/fields';
import type { BudgetPreview, BudgetYear } from '../state/report';
import { YEAR_ONE_FIELDS, type YearOneKey } from '../state/yearone';
import { MoneyInput } from './MoneyInput';
import { useViewStyles } from './ViewParts';
import { WritePanel, type WritePanelProps } from './WritePanel';

const useStyles = makeStyles({
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  table: { tableLayout: 'fixed', width: '100%' },
  year: { width: '54px' },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  numHead: { justifyContent: 'flex-end', textAlign: 'end' },
  strong: { fontWeight: tokens.fontWeightSemibold },
});

export interface ReportViewProps {
  yearOne: { fields: Record<YearOneKey, MoneyField>; fromWorkbook: boolean; edited: boolean };
  /** The sheet the year-1 figures were filled in from. */
  budgetSheet: string | null;
  onYearOneChange(key: YearOneKey, text: string): void;
  onUseWorkbookFigures(): void;
  /** The workbook has a Commercial Projects sheet: the report scores it, with the envelope. */
  hasProposals: boolean;
  envelope: MoneyField;
  onEnvelopeChange(text: string): void;
  preview: BudgetPreview;
  /** The engine's notes on the report (a table it cannot write and why), shown with the budget summary. */
  notes: string[];
  write: WritePanelProps;
}

/** The Report view: year 1's inputs, the envelope, the budget summary the report will hold, and writing it. */
export function ReportView(props: ReportViewProps) {
  const styles = useViewStyles();
  const own = useStyles();
  const inputsHeading = useId('year-one-heading');
  const previewHeading = useId('preview-heading');
  const { yearOne } = props;
  const source = yearOne.fromWorkbook
    ? yearOne.edited
      ? `Changed from the figures in the workbook's budget summary (${props.budgetSheet}).`
      : `Filled in from the workbook's budget summary (${props.budgetSheet}).`
    : "The workbook has no budget summary: enter year 1's figures.";
  return (
    <div className={styles.root}>
      <section className={styles.section} aria-labelledby={inputsHeading}>
        <h2 id={inputsHeading} className={styles.heading}>
          Year 1, £000
        </h2>
        <Caption1 className={styles.hint}>{source}</Caption1>
        <div className={own.fields}>
          {YEAR_ONE_FIELDS.map((f) => (
            <MoneyInput
              key={f.key}
              label={f.label}
              field={yearOne.fields[f.key]}
              onChange={(text) => props.onYearOneChange(f.key, text)}
            />
          ))}
        </div>
        {yearOne.fromWorkbook && yearOne.edited && (
          <div className={styles.actions}>
            <Button size="small" onClick={props.onUseWorkbookFigures}>
              Use the workbook&apos;s figures
            </Button>
          </div>
        )}
        {props.hasProposals && (
          <MoneyInput
            label="Investment envelope, £000"
            hint="The same envelope as in Score: the report lists the proposals chosen within it. Leave it empty for none."
            placeholder="e.g. 1,000"
            field={props.envelope}
            onChange={props.onEnvelopeChange}
          />
        )}
      </section>

      <section className={styles.section} aria-labelledby={previewHeading}>
        <h2 id={previewHeading} className={styles.heading}>
          Budget summary the report will hold, £000
        </h2>
        {'missing' in props.preview ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{props.preview.missing}</MessageBarBody>
          </MessageBar>
        ) : (
          <>
            <BudgetTable years={props.preview.years} labelledBy={previewHeading} />
            {[...props.preview.notes, ...props.notes].map((n) => (
              <Caption1 key={n} className={styles.hint}>
                {n}
              </Caption1>
            ))}
          </>
        )}
      </section>

      <WritePanel {...props.write} />
    </div>
  );
}

/** Year by year: Sub Total, growth, savings and the proposed budget, £000. */
export function BudgetTable({ years, labelledBy }: { years: BudgetYear[]; labelledBy: string }) {
  const own = useStyles();
  const head = (label: string) => (
    <TableHeaderCell className={own.num} button={{ className: own.numHead }}>
      {label}
    </TableHeaderCell>
  );
  return (
    <Table size="extra-small" className={own.table} aria-labelledby={labelledBy}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={own.year}>Year</TableHeaderCell>
          {head('Sub Total')}
          {head('Growth')}
          {head('Savings')}
          {head('Proposed')}
        </TableRow>
      </TableHeader>
      <TableBody>
        {years.map((y) => (
          <TableRow key={y.year} data-year={y.year}>
            <TableCell className={own.year}>{y.year}</TableCell>
            <TableCell className={own.num}>{y.subtotal}</TableCell>
            <TableCell className={own.num}>{y.growth}</TableCell>
            <TableCell className={own.num}>{y.savings}</TableCell>
            <TableCell className={own.num}>
              <Text weight="semibold" size={200}>
                {y.proposed}
              </Text>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
