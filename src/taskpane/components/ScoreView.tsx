import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
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
import { useEffect, useRef, useState } from 'react';
import type { MoneyField } from '../state/fields';
import {
  NO_SHEET_WORDS,
  type ProblemCell,
  type ProposalItem,
  type ScoreView as ScoreViewModel,
  type SelectionWords,
} from '../state/score';
import { listWords } from '../state/words';
import type { ProposalExtras, ScoreAnalysisView } from '../state/score-analysis';
import { ItemButton } from './ItemButton';
import {
  AnalysisWorking,
  EarlierScoresSection,
  ProposalExtrasPanel,
  RobustnessSection,
  type EarlierScoresProps,
} from './ScoreAnalysisParts';
import { MoneyInput } from './MoneyInput';
import { BAND_COLOURS, RiskRewardChart } from './RiskRewardChart';
import { useViewStyles } from './ViewParts';
import { VirtualRows } from './VirtualRows';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
    paddingBlock: tokens.spacingVerticalXS,
  },
  headerTop: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', minWidth: 0 },
  rank: {
    flexShrink: 0,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    minWidth: '1.5em',
  },
  project: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    fontSize: tokens.fontSizeBase200,
  },
  gates: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalM,
    minWidth: 0,
  },
  table: { tableLayout: 'fixed', width: '100%' },
  num: { width: '52px', textAlign: 'end', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  numHead: { justifyContent: 'flex-end' },
  totalRow: { fontWeight: tokens.fontWeightSemibold },
  reasons: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
  },
  item: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  selection: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  totals: {
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    '& th': { textAlign: 'start', fontWeight: tokens.fontWeightRegular, paddingInlineEnd: tokens.spacingHorizontalM },
    '& td': {
      textAlign: 'end',
      fontVariantNumeric: 'tabular-nums',
      whiteSpace: 'nowrap',
      fontWeight: tokens.fontWeightSemibold,
    },
  },
});

export interface ScoreViewProps {
  view: ScoreViewModel;
  envelope: MoneyField;
  onEnvelopeChange(text: string): void;
  /** Inside Excel choosing a cell selects it; in browser mode the cell is marked and its address shown. */
  selectsCells: boolean;
  shownCell: { sheet: string; cell: string } | null;
  onChooseCell(sheet: string, cell: string): void;
  /** How robust the order is, what it would take, who scored what and the changes since: absent until worked out. */
  analysis?: ScoreAnalysisView | null;
  /** The scores changed and the analysis shown is for the figures before, until the new one comes. */
  analysisWorking?: boolean;
  /** Opening an earlier scoring workbook to compare with. */
  earlier?: EarlierScoresProps;
}

/** The Score view: the proposals in rank order with every number explained, the risk–reward chart, the envelope, incomplete rows. */
export function ScoreView(props: ScoreViewProps) {
  const styles = useViewStyles();
  const { view } = props;
  const chartHeading = useId('chart-heading');
  const envelopeHeading = useId('envelope-heading');
  const listHeading = useId('proposals-heading');
  const incompleteHeading = useId('incomplete-heading');
  const [open, setOpen] = useState<string[]>([]);
  // A point on the chart opens its proposal, brings it into view and puts the keyboard on it once it is drawn (the
  // list draws only the proposals in view). Forgotten once done, so choosing the same point again brings it back.
  const [wanted, setWanted] = useState<string | null>(null);
  const openFromChart = (ref: string) => {
    setOpen((o) => (o.includes(ref) ? o : [...o, ref]));
    setWanted(ref);
  };

  if (view.kind === 'no-sheet') {
    return (
      <div className={styles.root}>
        <div className={styles.summary} role="status">
          <Text weight="semibold">{NO_SHEET_WORDS}</Text>
          <Caption1 className={styles.hint}>
            {`To score proposals, add a sheet named “Commercial Projects” with one row per proposal under these headings: ${listWords(view.columns)}.`}
          </Caption1>
        </div>
      </div>
    );
  }
  if (view.kind === 'stopped') {
    return (
      <div className={styles.root}>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The proposals cannot be scored</MessageBarTitle>
            Correct the cells below, then check the workbook again.
          </MessageBarBody>
        </MessageBar>
        <ProblemList
          problems={view.problems}
          shownCell={props.shownCell}
          onChoose={props.onChooseCell}
          accent="danger"
        />
      </div>
    );
  }
  const chosen = view.selection?.chosen.length ?? 0;
  return (
    <div className={styles.root}>
      <div className={styles.summary} role="status">
        <Text weight="semibold">{view.summary}</Text>
        <Caption1 className={styles.hint}>{`From the ${view.proposalsSheet} sheet. ${view.modelFrom}`}</Caption1>
      </div>

      <section className={styles.section} aria-labelledby={chartHeading}>
        <h2 id={chartHeading} className={styles.heading}>
          Risk and reward
        </h2>
        <RiskRewardChart
          thresholds={view.thresholds}
          points={view.proposals.map((p) => ({
            ref: p.ref,
            reward: p.rewardValue,
            rewardText: p.reward,
            risk: p.riskRating,
            band: p.band,
            chosen: p.chosen,
          }))}
          onOpen={openFromChart}
        />
      </section>

      <section className={styles.section} aria-labelledby={envelopeHeading}>
        <h2 id={envelopeHeading} className={styles.heading}>
          Investment envelope
        </h2>
        <MoneyInput
          label="Investment envelope, £000"
          hint="The most the council can invest: the best set of supported proposals that fits is chosen."
          placeholder="e.g. 1,000"
          field={props.envelope}
          onChange={props.onEnvelopeChange}
        />
        {view.selection && <Selection selection={view.selection} count={chosen} />}
      </section>

      {props.analysis?.robustness ? (
        <RobustnessSection view={props.analysis.robustness} working={props.analysisWorking === true} />
      ) : (
        props.analysisWorking && <AnalysisWorking />
      )}

      <section className={styles.section} aria-labelledby={listHeading}>
        <h2 id={listHeading} className={styles.heading}>
          Proposals in rank order
        </h2>
        <Caption1 className={styles.hint}>
          Open a proposal to see how its score is made up and why any gate stops it.
        </Caption1>
        {/* Only the proposals in view are drawn: 300 of them took 250-300 ms to lay out when the tab first opened. */}
        <Accordion multiple collapsible openItems={open} onToggle={(_, data) => setOpen(data.openItems as string[])}>
          <VirtualRows
            rows={view.proposals}
            rowKey={(p) => p.ref}
            estimate={(p) => (open.includes(p.ref) ? 480 : p.gates.length > 0 ? 96 : 76)}
            gap={0}
            reveal={wanted}
            render={(p) => (
              <Proposal
                proposal={p}
                shownCell={props.shownCell}
                selectsCells={props.selectsCells}
                onChooseCell={props.onChooseCell}
                extras={props.analysis?.extras[p.ref]}
                onFocused={wanted === p.ref ? () => setWanted(null) : undefined}
              />
            )}
          />
        </Accordion>
      </section>

      {props.earlier && <EarlierScoresSection {...props.earlier} />}

      {view.incomplete.length > 0 && (
        <section className={styles.section} aria-labelledby={incompleteHeading}>
          <h2 id={incompleteHeading} className={styles.heading}>
            {`Incomplete proposals (${view.incomplete.length})`}
          </h2>
          <Caption1 className={styles.hint}>
            These rows are not scored until every cell below is filled in correctly.
          </Caption1>
          {view.incomplete.map((i) => (
            <div key={i.name} className={styles.section}>
              <h3 className={styles.subheading}>{i.name}</h3>
              <ProblemList
                problems={i.problems}
                shownCell={props.shownCell}
                onChoose={props.onChooseCell}
                accent="warning"
              />
            </div>
          ))}
        </section>
      )}
    </div>
  );
}

function Selection({ selection, count }: { selection: SelectionWords; count: number }) {
  const styles = useViewStyles();
  const own = useStyles();
  if (count === 0) {
    return (
      <div className={styles.summary} role="status">
        <Text>{`No supported proposal fits within ${selection.envelope}.`}</Text>
      </div>
    );
  }
  return (
    <div className={mergeClasses(styles.summary, own.selection)} role="status" aria-label="Chosen within the envelope">
      <Text weight="semibold">{`Within ${selection.envelope}: ${listWords(selection.chosen.map((c) => c.ref))} chosen`}</Text>
      <ul className={styles.list}>
        {selection.chosen.map((c) => (
          <li key={c.ref} className={styles.wrap}>
            <Text size={200}>{`${c.ref} ${c.project}`}</Text>
          </li>
        ))}
      </ul>
      <table className={own.totals}>
        <tbody>
          <tr>
            <th scope="row">Investment, £000</th>
            <td>{selection.totalInvestment}</td>
          </tr>
          <tr>
            <th scope="row">Annual net return, £000</th>
            <td>{selection.totalReturn}</td>
          </tr>
          <tr>
            <th scope="row">Reward scores in all</th>
            <td>{selection.totalReward}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function Proposal({
  proposal: p,
  shownCell,
  selectsCells,
  onChooseCell,
  extras,
  onFocused,
}: {
  proposal: ProposalItem;
  shownCell: ScoreViewProps['shownCell'];
  selectsCells: boolean;
  onChooseCell(sheet: string, cell: string): void;
  extras?: ProposalExtras;
  /** Chosen on the chart: the keyboard goes to this proposal's header once drawn, then this is called. */
  onFocused?: () => void;
}) {
  const styles = useViewStyles();
  const own = useStyles();
  const current = shownCell?.sheet === p.sheet && shownCell.cell === p.cell;
  const item = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!onFocused) return;
    item.current?.querySelector<HTMLElement>('button')?.focus({ preventScroll: true });
    onFocused();
  }, [onFocused]);
  return (
    <AccordionItem value={p.ref} className={own.item} data-ref={p.ref} ref={item}>
      <AccordionHeader expandIconPosition="end" size="small">
        <span className={own.header}>
          <span className={own.headerTop}>
            <span className={own.rank}>{`${p.rank}.`}</span>
            <span className={own.project}>{`${p.ref} ${p.project}`}</span>
          </span>
          <span className={own.facts}>
            <Badge appearance="filled" color={BAND_COLOURS[p.band]} size="small">
              {p.band}
            </Badge>
            <span>{`Rank ${p.rank}`}</span>
            <span>{`Reward ${p.reward}`}</span>
            <span>{`Risk ${p.riskRating} ${p.riskLevel}`}</span>
            {p.chosen && (
              <Badge appearance="tint" color="success" size="small">
                Chosen
              </Badge>
            )}
          </span>
          {p.gates.length > 0 && <span className={own.gates}>{`Stopped by: ${p.gates.join('; ')}`}</span>}
        </span>
      </AccordionHeader>
      <AccordionPanel>
        <div className={own.panel}>
          <Text
            size={200}
            className={styles.wrap}
          >{`${p.category}. Investment ${p.investment}, annual net return ${p.annualReturn} (£000)${p.yield ? `: a yield of ${p.yield}` : ': nothing invested'}.`}</Text>
          <Table size="extra-small" className={own.table} aria-label={`${p.ref}: reward score by criterion`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Criterion</TableHeaderCell>
                <TableHeaderCell className={own.num} button={{ className: own.numHead }}>
                  Score
                </TableHeaderCell>
                <TableHeaderCell className={own.num} button={{ className: own.numHead }}>
                  Weight
                </TableHeaderCell>
                <TableHeaderCell className={own.num} button={{ className: own.numHead }}>
                  Points
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {p.criteria.map((c) => (
                <TableRow key={c.name} data-criterion={c.name}>
                  <TableCell>{c.name}</TableCell>
                  <TableCell className={own.num}>{`${c.score}/5`}</TableCell>
                  <TableCell className={own.num}>{c.weight}</TableCell>
                  <TableCell className={own.num}>{c.points}</TableCell>
                </TableRow>
              ))}
              <TableRow className={own.totalRow}>
                <TableCell>Reward score</TableCell>
                <TableCell className={own.num} />
                <TableCell className={own.num} />
                <TableCell className={own.num}>{p.reward}</TableCell>
              </TableRow>
            </TableBody>
          </Table>
          <Caption1 className={styles.hint}>
            {`Points are weight × score ÷ 5; the reward score is their sum to one decimal place${p.rewardExact ? ` (exactly ${p.rewardExact})` : ''}. Risk ${p.riskRating} is likelihood × impact: ${p.riskLevel}.`}
          </Caption1>
          {p.reasons.length > 0 ? (
            <>
              <h3 className={styles.subheading}>Why it is not supported</h3>
              <ul className={own.reasons} aria-label="Why it is not supported">
                {p.reasons.map((r) => (
                  <li key={r}>
                    <Text size={200}>{r}</Text>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <Text size={200}>No gate stops it.</Text>
          )}
          {extras && <ProposalExtrasPanel extras={extras} proposalRef={p.ref} />}
          <div className={styles.actions}>
            {selectsCells ? (
              <Button
                size="small"
                aria-current={current ? 'true' : undefined}
                data-cell={`${p.sheet}!${p.cell}`}
                onClick={() => onChooseCell(p.sheet, p.cell)}
              >
                {`Go to ${p.ref} on ${p.sheet}`}
              </Button>
            ) : (
              <Text size={200}>
                {`In the workbook at `}
                <span className={styles.cell}>{`${p.sheet}!${p.cell}`}</span>
              </Text>
            )}
          </div>
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}

function ProblemList({
  problems,
  shownCell,
  onChoose,
  accent,
}: {
  problems: ProblemCell[];
  shownCell: ScoreViewProps['shownCell'];
  onChoose(sheet: string, cell: string): void;
  accent: 'danger' | 'warning';
}) {
  const styles = useViewStyles();
  return (
    <ul className={styles.list}>
      {problems.map((f) => (
        <li key={`${f.sheet}!${f.cell}:${f.message}`}>
          <ItemButton
            sheet={f.sheet}
            cell={f.cell}
            accent={accent}
            current={shownCell?.sheet === f.sheet && shownCell.cell === f.cell}
            more={`, on the ${f.sheet} sheet`}
            onChoose={onChoose}
          >
            <span className={styles.itemTop}>
              <span className={styles.grow}>{f.message}</span>
              <span className={styles.cell}>{f.cell}</span>
            </span>
          </ItemButton>
        </li>
      ))}
    </ul>
  );
}
