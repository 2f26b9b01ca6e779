import { Decimal } from '../money';

/** The sheets the scoring tool reads, as users name them. */
export const PROPOSALS_SHEET = 'Commercial Projects';
export const MODEL_SHEET = 'Scoring Model';

/** The scoring tool's own sheets: proposals and weights, not budget tables for the check to read. */
export function isScoringSheet(name: string): boolean {
  const n = name.trim().toLowerCase();
  return n === PROPOSALS_SHEET.toLowerCase() || n === MODEL_SHEET.toLowerCase();
}

/** The commercialisation continuum, lowest risk first: a category's number is its place here. */
export const CATEGORIES = [
  'Commercial mindset',
  'Productivity',
  'Better buying',
  'Maximising return on assets',
  'Charging to cover costs',
  'Trading services',
  'Investing',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** What each category covers, where its name alone does not say. */
export const CATEGORY_NOTES: Partial<Record<Category, string>> = {
  'Better buying': 'procurement, contract management, shared services',
};

/** Loose matching of names typed by users: case, brackets and their contents, punctuation and spaces do not count. */
export function looseName(text: string): string {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

/** Headings match ignoring case, £000, brackets, extra spaces and a trailing colon or question mark. */
export function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/£\s*('?000|k|m)?/g, ' ')
    .replace(/[()[\]]/g, ' ')
    .replace(/[:?.]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A category from its name (loosely) or its number 1–7; null when it is neither. */
export function categoryFrom(text: string): Category | null {
  const t = looseName(text);
  if (/^[1-7]$/.test(t)) return CATEGORIES[Number(t) - 1] ?? null;
  return CATEGORIES.find((c) => looseName(c) === t) ?? null;
}

export function categoryList(): string {
  return CATEGORIES.map((c, i) => `${i + 1} ${c}`).join(', ');
}

export type CriterionId = 'net-yield' | 'scale-of-return' | 'strategic-fit' | 'customer-service' | 'deliverability';
/** The criteria a commercial lead scores by hand, 1–5, on the Commercial Projects sheet. */
export type EnteredCriterionId = Exclude<CriterionId, 'net-yield' | 'scale-of-return'>;

export const CRITERION_NAMES: Record<CriterionId, string> = {
  'net-yield': 'Net yield',
  'scale-of-return': 'Scale of return',
  'strategic-fit': 'Strategic fit',
  'customer-service': 'Customer service',
  deliverability: 'Deliverability',
};
/** What each criterion measures, shown beside it on the Scoring Model sheet. */
export const CRITERION_NOTES: Record<CriterionId, string> = {
  'net-yield':
    'Yield = annual net return ÷ investment; score 5, 4, 3 or 2 from the least yield shown, else 1. Investment 0 with a return above 0 scores 5; a return of 0 or less scores 1.',
  'scale-of-return': 'Annual net return in £000; score 5, 4, 3 or 2 from the least return shown, else 1.',
  'strategic-fit': 'As entered, 1–5: fit with the corporate plan and commissioning strategies.',
  'customer-service': 'As entered, 1–5: effect on residents and service users.',
  deliverability: 'As entered, 1–5: capacity, skills, timescale, legal powers.',
};
export const CRITERION_IDS = Object.keys(CRITERION_NAMES) as CriterionId[];
export const ENTERED_CRITERIA: EnteredCriterionId[] = ['strategic-fit', 'customer-service', 'deliverability'];

export function isEnteredCriterion(id: CriterionId): id is EnteredCriterionId {
  return (ENTERED_CRITERIA as CriterionId[]).includes(id);
}

export interface Criterion {
  id: CriterionId;
  weight: Decimal;
  /**
   * For a measured criterion, the least value that scores 5, 4, 3 and 2 (highest first); below the
   * last scores 1. Net yield thresholds are fractions (0.2 = 20%), Scale of return thresholds £000.
   * Empty for a criterion scored as entered.
   */
  thresholds: Decimal[];
}

export const RISK_LEVELS = ['Low', 'Medium', 'High'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const BANDS = ['Priority 1', 'Priority 2', 'Priority 3', 'Not supported'] as const;
export type Band = (typeof BANDS)[number];

export type GateId = 'outside-area' | 'risk-not-proportionate' | 'public-service-at-risk' | 'below-minimum-yield';
export const GATE_IDS: GateId[] = [
  'outside-area',
  'risk-not-proportionate',
  'public-service-at-risk',
  'below-minimum-yield',
];

export interface Gate {
  id: GateId;
  /** The categories the gate applies to. */
  categories: Category[];
  /** Risk not proportionate: the least reward score a High risk needs. Below minimum yield: the least yield (a fraction). */
  setting: Decimal | null;
}

export interface ScoringModel {
  /** In the order the Scoring Model sheet lists them; weights add up to 100. */
  criteria: Criterion[];
  /** A risk rating up to `lowUpTo` is Low, up to `mediumUpTo` Medium, above it High. */
  risk: { lowUpTo: Decimal; mediumUpTo: Decimal };
  gates: Gate[];
  /** The least reward score for Priority 1 and Priority 2; below Priority 2 is Priority 3. */
  bands: { priority1: Decimal; priority2: Decimal };
}

/** Every gate in the users' words: its title, the principle behind it, and the note beside its setting. One place for the UI, report and CLI. */
export const GATE_WORDS: Record<GateId, { title: string; why: string; setting: string }> = {
  'outside-area': {
    title: 'Outside the area',
    why: 'The council is unlikely to invest outside its own area: trading or investing outside it is not supported.',
    setting: 'No number to set: it applies when Inside area is No.',
  },
  'risk-not-proportionate': {
    title: 'Risk not proportionate to reward',
    why: 'Any risk taken must be proportionate to the reward: a High risk needs a high reward score.',
    setting: 'The least reward score a proposal with a High risk rating needs.',
  },
  'public-service-at-risk': {
    title: 'Public service at risk',
    why: 'The public service offer is never put at risk, and customer service is at the heart of everything the council does.',
    setting: 'No number to set: it applies when Public service at risk is Yes.',
  },
  'below-minimum-yield': {
    title: 'Below minimum yield',
    why: 'An investment must earn at least a minimum yield to justify the public money it ties up.',
    setting: 'The least yield (annual net return ÷ investment) a proposal with an investment needs.',
  },
};

const d = (v: number | string) => new Decimal(v);

/** The defaults from the council's Commercialisation Strategy (see the scoring-model specification). */
export const DEFAULT_MODEL: ScoringModel = {
  criteria: [
    { id: 'net-yield', weight: d(25), thresholds: [d('0.2'), d('0.1'), d('0.05'), d('0.03')] },
    { id: 'scale-of-return', weight: d(15), thresholds: [d(500), d(250), d(100), d(25)] },
    { id: 'strategic-fit', weight: d(20), thresholds: [] },
    { id: 'customer-service', weight: d(20), thresholds: [] },
    { id: 'deliverability', weight: d(20), thresholds: [] },
  ],
  risk: { lowUpTo: d(4), mediumUpTo: d(12) },
  gates: [
    { id: 'outside-area', categories: ['Trading services', 'Investing'], setting: null },
    { id: 'risk-not-proportionate', categories: [...CATEGORIES], setting: d(60) },
    { id: 'public-service-at-risk', categories: [...CATEGORIES], setting: null },
    { id: 'below-minimum-yield', categories: ['Investing'], setting: d('0.03') },
  ],
  bands: { priority1: d(70), priority2: d(50) },
};

/** Which gates have a number to set on the Scoring Model sheet (see `Gate.setting`). */
export const GATE_HAS_SETTING: Record<GateId, boolean> = {
  'outside-area': false,
  'risk-not-proportionate': true,
  'public-service-at-risk': false,
  'below-minimum-yield': true,
};
