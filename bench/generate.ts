/**
 * Synthetic council-wide MTFS workbooks in the house format, for `npm run bench`.
 *
 * Each department gets its own sheets: a budget summary with the net budget, Appendix A (whole £,
 * sections with TOTALs, italic sub-headings, single-line services, `TOTAL <DEPT>`), growth and
 * savings (£000, cumulative, `<DEPT> ITEMS` and `CORPORATE ITEMS`, star markers, blanks for zero,
 * a few positive savings) and a capital programme of two blocks. A `Commercial Projects` sheet of
 * proposals follows. Appendix A's underlying figures carry pence: most departments publish them
 * rounded to the pound line by line, so totals differ from their rounded lines by rounding as in
 * the real papers; every fourth department keeps the pence in its cells (a ledger export), so
 * the engine sums decimals as well as whole numbers. Everything is worked out here, so the
 * generator also says what the check must find: how many tables, rounding differences and
 * positive savings, and no errors.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GenerateOptions {
  /** Lines in all departments' tables together, as the check counts them. */
  lines: number;
  departments?: number;
  proposals?: number;
  seed?: number;
  /** Folder to write to (default: mtfs-bench in the system temp folder). */
  dir?: string;
}

export interface Expected {
  tables: number;
  lines: number;
  roundingDifferences: number;
  positiveSavings: number;
  errors: 0;
}

export interface GeneratedWorkbook {
  file: string;
  bytes: number;
  rows: number;
  departments: string[];
  expected: Expected;
}

// ---- Cells and sheets -----------------------------------------------------------------------

type Value = string | number | Date | null;
interface CellSpec {
  v: Value;
  fmt?: string;
  b?: boolean;
  i?: boolean;
  u?: boolean;
}
type RowSpec = (CellSpec | undefined)[];
interface SheetSpec {
  name: string;
  rows: RowSpec[];
  widths: number[];
}

const MONEY = '#,##0;-#,##0';
const txt = (v: string, style: Omit<CellSpec, 'v'> = {}): CellSpec => ({ v, ...style });
const num = (v: number, bold = false): CellSpec => ({ v, fmt: MONEY, b: bold || undefined });
const bold = (v: string) => txt(v, { b: true });
const heading = (v: string) => txt(v, { b: true, u: true });
/** Blank in the appendices means zero. */
const numOrBlank = (v: number, bold = false) => (v === 0 ? undefined : num(v, bold));

// ---- Deterministic randomness ---------------------------------------------------------------

class Random {
  constructor(private state: number) {}
  next(): number {
    // mulberry32: small, fast and the same on every machine.
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** Pence: most budget figures are whole pounds; the odd one carries pence, never exactly 50 (see roundingSafe). */
  pennies(): number {
    if (!this.chance(0.15)) return 0;
    const p = this.int(1, 98);
    return p >= 50 ? p + 1 : p;
  }
  /** Pounds and pence, in pence. */
  pence(lo: number, hi: number): number {
    return this.int(lo, hi) * 100 + this.pennies();
  }
}

/** Half away from zero, as Excel and the engine round: a / b for integers. */
export function roundDiv(a: number, b: number): number {
  const q = Math.floor((Math.abs(a) * 2 + b) / (2 * b));
  return a < 0 ? -q : q;
}

// ---- Names ----------------------------------------------------------------------------------

const DEPARTMENTS: [string, string][] = [
  ['Corporate Resources', 'Corporate'],
  ['Adults and Communities', 'Adults'],
  ['Children and Family Services', 'Children'],
  ['Environment and Transport', 'Environment'],
  ['Public Health', 'Public Health'],
  ['Chief Executives', 'Chief Exec'],
  ['Economy and Growth', 'Economy'],
  ['Fire and Rescue', 'Fire'],
  ['Libraries and Culture', 'Libraries'],
  ['Highways and Infrastructure', 'Highways'],
  ['Waste Management', 'Waste'],
  ['Property Services', 'Property'],
];
const AREAS = ['North', 'South', 'East', 'West', 'Central'];

function department(k: number): { name: string; short: string } {
  const [name, short] = DEPARTMENTS[k % DEPARTMENTS.length];
  if (k < DEPARTMENTS.length) return { name, short };
  const area = AREAS[Math.floor(k / DEPARTMENTS.length - 1) % AREAS.length];
  const round = Math.floor(k / (DEPARTMENTS.length * (AREAS.length + 1)));
  const suffix = round ? `${area} ${'ABCDEFGHIJ'[round % 10]}` : area;
  return { name: `${name} ${suffix}`, short: `${short} ${suffix}` };
}

const SERVICES = [
  'Strategic Finance',
  'Property Management',
  'Customer Services',
  'Operational ICT',
  'Human Resources',
  'Legal Services',
  'Democratic Services',
  'Procurement',
  'Internal Audit',
  'Catering',
  'Passenger Transport',
  'Highways Maintenance',
  'Street Lighting',
  'Libraries',
  'Museums',
  'Residential Care',
  'Home Care',
  'Day Services',
  'Fostering',
  'Adoption',
  'Youth Services',
  'School Transport',
  'Trading Standards',
  'Waste Disposal',
  'Recycling',
  'Country Parks',
  'Registrars',
  'Emergency Planning',
  'Economic Development',
  'Planning Policy',
];
const ACTIVITIES = [
  'staffing',
  'running costs',
  'contracts',
  'management and support',
  'premises',
  'transport',
  'supplies and services',
  'commissioning',
  'development',
  'operations',
  'quality assurance',
  'business support',
  'training',
  'systems',
];
const SUB_HEADINGS = [
  'Operational Property:',
  'Commissioned Services:',
  'Support Services:',
  'Frontline Services:',
  'Shared Services:',
];
const GROWTH_GROUPS = ['Demand & cost increases', 'Service pressures', 'Inflation and contract prices', 'New duties'];
const SAVINGS_WORDS = [
  'Review of',
  'Restructure of',
  'Reduction in',
  'Efficiencies in',
  'Recommissioning of',
  'Income from',
  'Digital delivery of',
];
const CAPITAL_CATEGORIES = [
  'ICT',
  'Strategic Property',
  'Highways Schemes',
  'School Places',
  'Vehicles & Plant',
  'Libraries & Heritage',
  'Energy',
];
const CAPITAL_WORDS = [
  'Replacement',
  'Improvements',
  'Refurbishment',
  'Renewal',
  'Expansion',
  'Modernisation',
  'Programme',
];
const CLASSES = ['Eff', 'Eff', 'Eff', 'SR', 'SR', 'Income', 'Eff/SR'];
const MARKERS = ['', '', '* ', '** ', '**'];
const YEARS = ['2015/16', '2016/17', '2017/18', '2018/19'];
const YEAR_HEADS = YEARS.map((y) => `${y} £000`);

function lineLabel(rnd: Random): string {
  return `${rnd.pick(SERVICES)} - ${rnd.pick(ACTIVITIES)}`;
}

// ---- Appendix A: the revenue budget, in pence underneath ------------------------------------

/** Prior year budget, employees, running expenses, external and internal income, net total. */
const A_COLS = 6;
const NET = 5;
type Pence = number[];

interface RevenueLine {
  label: string;
  pence: Pence;
  /** A sub-heading (italic, no total of its own) sits above this line. */
  subHeading?: string;
}

interface RevenueSection {
  name: string;
  lines: RevenueLine[];
}

interface Revenue {
  sections: RevenueSection[];
  standAlone: RevenueLine[];
  /** Whether the cells keep the pence (a ledger export) or show them rounded to the pound (as published). */
  pence: boolean;
}

function revenueLine(rnd: Random, label: string): RevenueLine {
  const employees = rnd.pence(20_000, 3_000_000);
  const running = rnd.pence(5_000, 3_000_000);
  const external = rnd.chance(0.3) ? 0 : -rnd.pence(0, 1_500_000);
  const internal = rnd.chance(0.4) ? 0 : -rnd.pence(0, 800_000);
  const net = employees + running + external + internal;
  const prior = Math.round((net * (0.85 + rnd.next() * 0.3)) / 100) * 100 + rnd.pennies();
  return { label, pence: [prior, employees, running, external, internal, net] };
}

function sumPence(lines: { pence: Pence }[], col: number): number {
  let s = 0;
  for (const l of lines) s += l.pence[col];
  return s;
}

const halfPound = (pence: number) => Math.abs(pence) % 100 === 50;

/** Moves one figure of a column by a penny without putting the figure or the column's sum on a half pound. */
function nudge(section: RevenueSection, col: number): void {
  const sum = sumPence(section.lines, col);
  for (const line of section.lines) {
    for (const step of [1, -1]) {
      if (halfPound(line.pence[col] + step) || halfPound(sum + step)) continue;
      line.pence[col] += step;
      if (col > 0) line.pence[NET] += step;
      return;
    }
  }
}

/**
 * Keeps every section's exact total off a half pound, so a total never rounds the opposite way
 * from its rounded lines by more than the half-unit-per-line the check allows (for a section of
 * n lines the difference is then under n/2 + 1/2, so at most n/2 in whole pounds).
 */
function roundingSafe(section: RevenueSection): void {
  for (let col = 0; col < NET; col++) if (halfPound(sumPence(section.lines, col))) nudge(section, col);
  if (halfPound(sumPence(section.lines, NET))) nudge(section, 1);
}

function buildRevenue(rnd: Random, lines: number, pence: boolean): Revenue {
  const standAloneCount = lines >= 8 ? rnd.int(1, 3) : 0;
  const sections: RevenueSection[] = [];
  let left = lines - standAloneCount;
  while (left > 0) {
    const size = Math.min(left, left <= 16 ? left : rnd.int(4, 14));
    const first = rnd.pick(SERVICES);
    const second = rnd.pick(SERVICES.filter((x) => x !== first));
    const section: RevenueSection = { name: `${first} & ${second}`.toUpperCase(), lines: [] };
    const sub = size >= 4 && rnd.chance(0.3) ? rnd.int(1, size - 2) : -1;
    for (let i = 0; i < size; i++) {
      const line = revenueLine(rnd, lineLabel(rnd));
      if (i === sub) line.subHeading = rnd.pick(SUB_HEADINGS);
      section.lines.push(line);
    }
    roundingSafe(section);
    sections.push(section);
    left -= size;
  }
  const standAlone = Array.from({ length: standAloneCount }, () =>
    revenueLine(rnd, `${rnd.pick(SERVICES)} shared service`.toUpperCase()),
  );
  return { sections, standAlone, pence };
}

/** A figure as the sheet holds it, in pence: rounded to the pound when published, exact in a ledger export. */
function shownPence(pence: number, keepPence: boolean): number {
  return keepPence ? pence : roundDiv(pence, 100) * 100;
}

function cellPounds(pence: number): number {
  return pence / 100;
}

interface RevenueTotals {
  /** Shown grand totals, in pence. */
  grand: Pence;
  rounding: number;
}

/** Counts, as the check will, the totals and rows whose shown figures differ from the sum of theirs. */
function countRevenueRounding(rev: Revenue): RevenueTotals {
  const show = (p: number) => shownPence(p, rev.pence);
  let rounding = 0;
  const rowRule = (shown: Pence) => {
    if (shown[1] + shown[2] + shown[3] + shown[4] !== shown[NET]) rounding++;
  };
  const grandParts: Pence[] = [];
  for (const section of rev.sections) {
    const shownLines = section.lines.map((l) => l.pence.map(show));
    shownLines.forEach(rowRule);
    const total = Array.from({ length: A_COLS }, (_, c) => show(sumPence(section.lines, c)));
    for (let c = 0; c < A_COLS; c++) if (total[c] !== shownLines.reduce((s, l) => s + l[c], 0)) rounding++;
    rowRule(total);
    grandParts.push(total);
  }
  for (const line of rev.standAlone) {
    const shown = line.pence.map(show);
    rowRule(shown);
    grandParts.push(shown);
  }
  const all = [...rev.sections.flatMap((s) => s.lines), ...rev.standAlone];
  const grand = Array.from({ length: A_COLS }, (_, c) => show(sumPence(all, c)));
  for (let c = 0; c < A_COLS; c++) if (grand[c] !== grandParts.reduce((s, p) => s + p[c], 0)) rounding++;
  rowRule(grand);
  return { grand, rounding };
}

/** Moves the prior year column by whole pounds so its grand total rounds to `target` £000. */
function setPriorTotal(rnd: Random, rev: Revenue, target: number): void {
  const all = [...rev.sections.flatMap((s) => s.lines), ...rev.standAlone];
  const current = roundDiv(shownPence(sumPence(all, 0), rev.pence), 100);
  const wanted = target * 1000 + rnd.int(-400, 400);
  const delta = wanted - current;
  const each = Math.trunc(delta / all.length);
  all.forEach((l, i) => {
    l.pence[0] += (each + (i === 0 ? delta - each * all.length : 0)) * 100;
  });
}

function revenueSheet(dept: { name: string }, rev: Revenue): RowSpec[] {
  const show = (p: number) => cellPounds(shownPence(p, rev.pence));
  const figures = (pence: Pence, b = false): RowSpec => pence.slice(1).map((p) => num(show(p), b));
  const rows: RowSpec[] = [[bold(`${dept.name.toUpperCase()} DEPARTMENT`)], [bold('REVENUE BUDGET 2015/16')], []];
  rows.push([
    bold('Budget 2014/15 £'),
    undefined,
    bold('Employees £'),
    bold('Running Expenses £'),
    bold('External Income £'),
    bold('Internal Income £'),
    bold('Net Total £'),
  ]);
  for (const section of rev.sections) {
    rows.push([txt(section.name)]);
    for (const line of section.lines) {
      if (line.subHeading) rows.push([txt(line.subHeading, { b: true, i: true })]);
      rows.push([num(show(line.pence[0])), txt(line.label), ...figures(line.pence)]);
    }
    const total = Array.from({ length: A_COLS }, (_, c) => sumPence(section.lines, c));
    rows.push([num(show(total[0]), true), bold('TOTAL'), ...figures(total, true)]);
  }
  for (const line of rev.standAlone) rows.push([num(show(line.pence[0])), txt(line.label), ...figures(line.pence)]);
  const all = [...rev.sections.flatMap((s) => s.lines), ...rev.standAlone];
  const grand = Array.from({ length: A_COLS }, (_, c) => sumPence(all, c));
  rows.push([num(show(grand[0]), true), bold(`TOTAL ${dept.name.toUpperCase()}`), ...figures(grand, true)]);
  return rows;
}

// ---- Appendix B: growth and savings, £000, cumulative ----------------------------------------

interface ItemLine {
  ref: string;
  classification?: string;
  label: string;
  years: number[];
}
interface ItemGroup {
  /** Sub-heading (growth: plain text) or sub-section (savings: bold underlined, with its own Total). */
  name: string;
  lines: ItemLine[];
}
interface ItemSection {
  name: string;
  groups: ItemGroup[];
}

/** Cumulative figures: each year the full-year effect against the base year, so they only grow. */
function cumulative(rnd: Random, first: number, sign: 1 | -1): number[] {
  const start = rnd.chance(0.25) ? 0 : first * sign;
  const years = [start];
  for (let y = 1; y < 4; y++)
    years.push(years[y - 1] + (rnd.chance(0.4) ? 0 : rnd.int(0, Math.max(5, Math.abs(first)))) * sign);
  if (start === 0 && years[3] === 0) years[3] = 5 * sign;
  return years;
}

const sumYears = (lines: { years: number[] }[]) => [0, 1, 2, 3].map((y) => lines.reduce((s, l) => s + l.years[y], 0));

function split(total: number, parts: number): number[] {
  const out = Array.from({ length: parts }, () => Math.floor(total / parts));
  for (let i = 0; i < total % parts; i++) out[i]++;
  return out;
}

function buildGrowth(rnd: Random, dept: string, lines: number, counter: { g: number }): ItemSection[] {
  const corporate = Math.max(1, Math.round(lines * 0.15));
  const own = lines - corporate;
  const line = (sign: 1 | -1): ItemLine => ({
    ref: `${rnd.pick(MARKERS)}G${++counter.g}`,
    label: lineLabel(rnd),
    years: cumulative(rnd, rnd.int(10, 400), sign),
  });
  const groups = split(own, Math.max(1, Math.min(4, Math.ceil(own / 6)))).map((n, i) => ({
    name: GROWTH_GROUPS[i],
    lines: Array.from({ length: n }, () => line(1)),
  }));
  return [
    { name: `${dept.toUpperCase()} ITEMS`, groups },
    {
      name: 'CORPORATE ITEMS',
      groups: [
        { name: GROWTH_GROUPS[0], lines: Array.from({ length: corporate }, () => line(rnd.chance(0.5) ? -1 : 1)) },
      ],
    },
  ];
}

function buildSavings(
  rnd: Random,
  dept: string,
  lines: number,
  counter: { t: number; d: number; e: number },
): ItemSection[] {
  const corporate = Math.max(1, Math.round(lines * 0.1));
  const [t, d, e] = split(lines - corporate, 3);
  const line = (letter: 'T' | 'D' | 'E'): ItemLine => {
    const key = letter.toLowerCase() as 't' | 'd' | 'e';
    const years = cumulative(rnd, rnd.int(5, 600), -1);
    // A delayed or reversed saving, or a contingency: legal, and the check warns about it.
    if (rnd.chance(0.03)) {
      years[0] = rnd.int(20, 200);
      if (rnd.chance(0.5)) years.fill(years[0]);
    }
    const ref = `${rnd.pick(MARKERS)}${rnd.chance(0.03) ? 'TBC' : `${letter}${key === 't' ? 20 + (counter.t++ % 30) : ++counter[key]}`}`;
    const label = `${rnd.pick(SAVINGS_WORDS)} ${rnd.pick(SERVICES).toLowerCase()} ${rnd.pick(ACTIVITIES)}`;
    return { ref, classification: rnd.pick(CLASSES), label, years };
  };
  const group = (name: string, letter: 'T' | 'D' | 'E', n: number) => ({
    name,
    lines: Array.from({ length: n }, () => line(letter)),
  });
  const own = [group('Transformation', 'T', t), group('Departmental', 'D', d), group('Emerging', 'E', e)].filter(
    (g) => g.lines.length,
  );
  // The department's year-1 saving must be a saving, so the budget summary's savings line reads as one.
  const first = own[0].lines[0];
  if (sumYears(own.flatMap((g) => g.lines))[0] >= 0) first.years = [-50, -60, -70, -80];
  return [
    { name: `${dept.toUpperCase()} ITEMS`, groups: own },
    { name: 'CORPORATE ITEMS', groups: [group('Departmental', 'D', corporate)] },
  ];
}

function growthSheet(sections: ItemSection[]): RowSpec[] {
  const rows: RowSpec[] = [
    [bold('MTFS 2015/16 - 2018/19')],
    [bold('GROWTH')],
    [],
    [bold('TDEI ref.'), undefined, ...YEAR_HEADS.map(bold)],
  ];
  const grand = [0, 0, 0, 0];
  for (const section of sections) {
    rows.push([undefined, heading(section.name)]);
    for (const g of section.groups) {
      rows.push([undefined, txt(g.name)]);
      for (const l of g.lines) rows.push([txt(l.ref), txt(l.label), ...l.years.map((v) => numOrBlank(v))]);
    }
    const total = sumYears(section.groups.flatMap((g) => g.lines));
    total.forEach((v, y) => (grand[y] += v));
    rows.push([undefined, bold('Total'), ...total.map((v) => num(v, true))]);
  }
  rows.push([undefined, bold('TOTAL'), ...grand.map((v) => num(v, true))], [], ...legend());
  return rows;
}

function savingsSheet(sections: ItemSection[]): RowSpec[] {
  const rows: RowSpec[] = [
    [bold('MTFS 2015/16 - 2018/19')],
    [bold('SAVINGS')],
    [],
    [bold('TDEI ref.'), bold('Eff/SR/ Income'), undefined, ...YEAR_HEADS.map(bold)],
  ];
  const grand = [0, 0, 0, 0];
  for (const section of sections) {
    rows.push([undefined, heading(section.name)]);
    for (const g of section.groups) {
      rows.push([undefined, heading(g.name)]);
      for (const l of g.lines)
        rows.push([txt(l.ref), txt(l.classification!), txt(l.label), ...l.years.map((v) => numOrBlank(v))]);
      const total = sumYears(g.lines);
      total.forEach((v, y) => (grand[y] += v));
      rows.push([undefined, bold('Total'), undefined, ...total.map((v) => num(v, true))]);
    }
  }
  rows.push([undefined, bold('TOTAL'), undefined, ...grand.map((v) => num(v, true))], [], ...legend());
  return rows;
}

function legend(): RowSpec[] {
  return [
    'References used in the tables above',
    '* items unchanged from previous Medium Term Financial Strategy',
    '** items included in the previous Medium Term Financial Strategy which have been amended',
    'TDEI ref - references for Transformation Programme project, Departmental saving, Emerging saving and Income items',
    'Eff - Efficiency saving',
    'SR - Service reduction',
  ].map((t) => [txt(t)]);
}

/** The department's own figure per year: its section's lines, corporate items left out. */
const departmentYears = (sections: ItemSection[]) => sumYears(sections[0].groups.flatMap((g) => g.lines));

// ---- Appendix C: the capital programme, £000 ------------------------------------------------

interface CapitalLine {
  done: Date;
  gross: number;
  label: string;
  years: number[];
}

function capitalLine(rnd: Random, label: string): CapitalLine {
  const years = YEARS.map((_, y) => (y > 0 && rnd.chance(0.3) ? 0 : rnd.int(0, 40) * 25));
  if (!years.some((v) => v !== 0)) years[0] = 100;
  const total = years.reduce((s, v) => s + v, 0);
  return {
    done: new Date(Date.UTC(rnd.int(2016, 2020), 2, 31)),
    gross: total + (rnd.chance(0.3) ? rnd.int(1, 80) * 25 : 0),
    label,
    years,
  };
}

function capitalRow(l: CapitalLine): RowSpec {
  const total = l.years.reduce((s, v) => s + v, 0);
  return [{ v: l.done, fmt: 'mmm-yy' }, num(l.gross), txt(l.label), ...l.years.map((v) => numOrBlank(v)), num(total)];
}

function capitalHeader(): RowSpec {
  return [
    bold('Estimated Completion Date'),
    bold('Gross Cost of Project £000'),
    undefined,
    ...YEAR_HEADS.map(bold),
    bold('Total £000'),
  ];
}

function capitalTotal(label: string, lines: CapitalLine[]): RowSpec {
  const years = sumYears(lines);
  return [
    undefined,
    undefined,
    bold(label),
    ...years.map((v) => num(v, true)),
    num(
      years.reduce((s, v) => s + v, 0),
      true,
    ),
  ];
}

function capitalSheet(rnd: Random, dept: string, lines: number): RowSpec[] {
  const corporate = Math.min(Math.max(1, lines - 2), rnd.int(2, 6));
  const own = lines - corporate;
  const rows: RowSpec[] = [
    [bold('CAPITAL PROGRAMME 2015/16 - 2018/19')],
    [bold(`${dept.toUpperCase()} DEPARTMENT`)],
    [],
    capitalHeader(),
  ];
  const all: CapitalLine[] = [];
  for (const [k, n] of split(own, Math.max(1, Math.min(CAPITAL_CATEGORIES.length, Math.ceil(own / 8)))).entries()) {
    const category = CAPITAL_CATEGORIES[k];
    const lines = Array.from({ length: n }, () =>
      capitalLine(rnd, `${category} ${rnd.pick(CAPITAL_WORDS).toLowerCase()} - ${rnd.pick(SERVICES)}`),
    );
    rows.push(
      [undefined, undefined, heading(category)],
      ...lines.map(capitalRow),
      capitalTotal(`Sub total ${category}`, lines),
    );
    all.push(...lines);
  }
  rows.push(capitalTotal(`Total ${dept}`, all));
  const corp = Array.from({ length: corporate }, () =>
    capitalLine(rnd, `Corporate ${rnd.pick(CAPITAL_WORDS).toLowerCase()} - ${rnd.pick(SERVICES)}`),
  );
  rows.push(
    [],
    [bold('CORPORATE PROGRAMME')],
    [],
    capitalHeader(),
    [undefined, undefined, heading('CORPORATE PROGRAMME')],
    ...corp.map(capitalRow),
    capitalTotal('Total Corporate Programme', corp),
  );
  return rows;
}

// ---- The budget summary and net budget, £000 ------------------------------------------------

interface SummaryFigures {
  rows: RowSpec[];
  rounding: number;
}

/**
 * The department's summary, consistent with its appendices: year 1's sub total is Appendix A's
 * prior-year total and its proposed budget Appendix A's net total (both rounded to £000); the
 * growth and savings lines are the year-on-year increments of the department's own items.
 */
function summarySheet(rnd: Random, dept: string, grand: Pence, growth: number[], savings: number[]): SummaryFigures {
  const k = (pence: number) => roundDiv(pence, 100_000);
  const net = k(grand[NET]);
  const sub1 = net - growth[0] - savings[0];
  const transfers = rnd.int(-500, 3000);
  const original = [sub1 - transfers];
  const other = [0, 0, 0, 0];
  const transfer = [transfers, 0, 0, 0];
  const sub = [sub1];
  const g = growth.map((v, y) => (y ? v - growth[y - 1] : v));
  const s = savings.map((v, y) => (y ? v - savings[y - 1] : v));
  const proposed = [net];
  for (let y = 1; y < 4; y++) {
    original.push(proposed[y - 1]);
    sub.push(original[y]);
    proposed.push(sub[y] + g[y] + s[y]);
  }
  const line = (label: string, values: number[], b = false): RowSpec => [
    b ? bold(label) : txt(label),
    ...values.map((v) => num(v, b)),
  ];
  const rows: RowSpec[] = [
    [bold(`${dept.toUpperCase()} DEPARTMENT`)],
    [bold('MTFS 2015/16 - 2018/19 BUDGET SUMMARY')],
    [],
    [undefined, ...YEAR_HEADS.map(bold)],
    line('Updated original budget', original),
    line('Other changes', other),
    line('Budget Transfers and Adjustments', transfer),
    line('Sub Total', sub, true),
    line('Add proposed growth (Appendix B)', g),
    line('Less proposed savings (Appendix B)', s),
    line('Proposed/Provisional budget (Appendix A)', proposed),
  ];
  const nb = netBudget(grand, net);
  rows.push([], [bold('NET BUDGET 2015/16')], [], [undefined, bold('£000')], ...nb.rows);
  return { rows, rounding: nb.rounding };
}

/**
 * Employees and running costs are Appendix A's, rounded; gross is their sum. Income is Appendix
 * A's income rounded, unless that would leave net budget more than £1k from gross less income:
 * then it is the whole figure next to it, still within the £1k two rounded figures allow.
 */
function netBudget(grand: Pence, net: number): SummaryFigures {
  const k = (pence: number) => roundDiv(pence, 100_000);
  const employees = k(grand[1]);
  const running = k(grand[2]);
  const gross = employees + running;
  const incomePence = grand[3] + grand[4];
  const rounded = k(incomePence);
  const fromNet = net - gross;
  const income = Math.abs(rounded - fromNet) <= 1 ? rounded : fromNet + Math.sign(rounded - fromNet);
  let rounding = 0;
  if (gross !== k(grand[1] + grand[2])) rounding++;
  if (income !== rounded) rounding++;
  if (net !== gross + income) rounding++;
  const row = (label: string, v: number): RowSpec => [txt(label), num(v)];
  return {
    rows: [
      row('Employees', employees),
      row('Running Costs', running),
      row('Gross Costs', gross),
      row('Income', income),
      row('Net Budget', net),
    ],
    rounding,
  };
}

// ---- Commercial Projects ---------------------------------------------------------------------

const CATEGORY_NAMES = [
  'Commercial mindset',
  'Productivity',
  'Better buying',
  'Maximising return on assets',
  'Charging to cover costs',
  'Trading services',
  'Investing',
];

function proposalsSheet(rnd: Random, n: number): RowSpec[] {
  const head = [
    'Ref',
    'Project',
    'Category',
    'Inside area',
    'Investment £000',
    'Annual net return £000',
    'Strategic fit',
    'Customer service',
    'Deliverability',
    'Risk likelihood',
    'Risk impact',
    'Public service at risk',
  ];
  const rows: RowSpec[] = [head.map(bold)];
  for (let i = 1; i <= n; i++) {
    const category = rnd.int(1, 7);
    const investment = rnd.chance(0.05) ? 0 : rnd.int(1, 3000) * (rnd.chance(0.2) ? 0.5 : 1);
    const annualReturn = rnd.int(-20, Math.max(10, Math.round(investment * 0.25)));
    rows.push([
      txt(`CP${String(i).padStart(3, '0')}`),
      txt(`${rnd.pick(SERVICES)} ${rnd.pick(['income', 'trading', 'asset', 'contract', 'digital'])} project`),
      rnd.chance(0.2) ? { v: category } : txt(CATEGORY_NAMES[category - 1]),
      txt(rnd.chance(0.9) ? 'Yes' : 'No'),
      num(investment),
      num(annualReturn),
      ...[0, 0, 0, 0, 0].map(() => ({ v: rnd.int(1, 5) })),
      txt(rnd.chance(0.05) ? 'Yes' : 'No'),
    ]);
  }
  return rows;
}

// ---- The workbook ---------------------------------------------------------------------------

interface Department {
  sheets: SheetSpec[];
  lines: number;
  tables: number;
  rounding: number;
  positives: number;
}

const SUMMARY_LINES = 7 + 5;

function buildDepartment(
  rnd: Random,
  k: number,
  lines: number,
  counters: { g: number; t: number; d: number; e: number },
): Department {
  const { name, short } = department(k);
  let left = lines - SUMMARY_LINES;
  const capital = Math.max(3, Math.round(left * 0.15));
  const growthLines = Math.max(2, Math.round(left * 0.1));
  const savingsLines = Math.max(4, Math.round(left * 0.2));
  left -= capital + growthLines + savingsLines;
  if (left < 1) throw new RangeError(`${lines} lines are too few for a department (at least ${lines - left + 1})`);
  const growth = buildGrowth(rnd, name, growthLines, counters);
  const savings = buildSavings(rnd, name, savingsLines, counters);
  const positives = savings
    .flatMap((s) => s.groups.flatMap((g) => g.lines))
    .filter((l) => l.years.some((v) => v > 0)).length;
  const revenue = buildRevenue(rnd, left, k % 4 === 3);
  const net = countRevenueRounding(revenue).grand[NET];
  // Appendix A's prior-year total is set so year 1's sub total agrees with it (see summarySheet).
  setPriorTotal(rnd, revenue, roundDiv(net, 100_000) - departmentYears(growth)[0] - departmentYears(savings)[0]);
  const totals = countRevenueRounding(revenue);
  const summary = summarySheet(rnd, name, totals.grand, departmentYears(growth), departmentYears(savings));
  const widths = [14, 40, 14, 14, 14, 14, 14, 14];
  const sheets: SheetSpec[] = [
    { name: `${short} Summary`, rows: summary.rows, widths: [44, 12, 12, 12, 12] },
    { name: `${short} Revenue`, rows: revenueSheet({ name }, revenue), widths },
    { name: `${short} Growth`, rows: growthSheet(growth), widths },
    { name: `${short} Savings`, rows: savingsSheet(savings), widths },
    { name: `${short} Capital`, rows: capitalSheet(rnd, name, capital), widths },
  ];
  return {
    sheets,
    lines,
    tables: 7,
    rounding: totals.rounding + summary.rounding,
    positives,
  };
}

/** Departments and the lines each gets: the first ones take the remainder. */
function plan(lines: number, departments: number): number[] {
  return split(lines, departments);
}

async function writeWorkbook(file: string, sheets: SheetSpec[]): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  let rows = 0;
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name);
    spec.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    spec.rows.forEach((cells, r) => {
      const row = ws.getRow(r + 1);
      cells.forEach((c, i) => {
        if (!c) return;
        const cell = row.getCell(i + 1);
        cell.value = c.v;
        if (c.fmt) cell.numFmt = c.fmt;
        if (c.b || c.i || c.u) cell.font = { bold: c.b, italic: c.i, underline: c.u };
      });
      row.commit();
    });
    rows += spec.rows.length;
    ws.commit();
  }
  await wb.commit();
  return rows;
}

/** Writes a synthetic council-wide workbook and says what checking it must find. */
export async function generateWorkbook(options: GenerateOptions): Promise<GeneratedWorkbook> {
  const { lines, departments = 8, proposals = 300, seed = 2015 } = options;
  const rnd = new Random(seed);
  const dir = options.dir ?? join(tmpdir(), 'mtfs-bench');
  mkdirSync(dir, { recursive: true });
  const counters = { g: 0, t: 0, d: 0, e: 0 };
  const built = plan(lines, departments).map((n, k) => buildDepartment(rnd, k, n, counters));
  const sheets = built.flatMap((d) => d.sheets);
  if (proposals > 0)
    sheets.push({
      name: 'Commercial Projects',
      rows: proposalsSheet(rnd, proposals),
      widths: [8, 40, 26, 10, 14, 14, 10, 10, 10, 10, 10, 10],
    });
  const file = join(dir, `mtfs-${lines}-lines-${departments}-depts-seed${seed}.xlsx`);
  const rows = await writeWorkbook(file, sheets);
  return {
    file,
    bytes: statSync(file).size,
    rows,
    departments: built.map((_, k) => department(k).name),
    expected: {
      tables: built.reduce((n, d) => n + d.tables, 0),
      lines: built.reduce((n, d) => n + d.lines, 0),
      roundingDifferences: built.reduce((n, d) => n + d.rounding, 0),
      positiveSavings: built.reduce((n, d) => n + d.positives, 0),
      errors: 0,
    },
  };
}
