import { Decimal } from './money';

/**
 * How far a total can be from the sum of its lines by rounding alone, with the statistics behind it.
 *
 * Each printed figure is its true value rounded to the displayed unit, so it is off by at most half
 * a unit, any amount in between being as likely as any other. A total printed from the true sum,
 * against the sum of n printed lines, is then off by the sum of n such errors, rounded: the
 * Irwin–Hall distribution (n uniform errors added), whose standard deviation is √(n/12) units.
 *
 * - Never more than n/2 units: beyond that, no rounding can explain it (an error).
 * - A difference that rounding gives less than once in a thousand tables is "larger than rounding
 *   usually gives" (a warning: check it).
 * - Anything more likely is a rounding difference (a note).
 */

/** Below this chance, a difference is not one rounding usually gives. */
export const UNUSUAL_ROUNDING = 0.001;

/** Exact sums are used up to this many addends; beyond, the normal curve (which the sum then follows closely). */
const EXACT_UP_TO = 40;

const Precise = Decimal.clone({ precision: 80 });
type Precise = InstanceType<typeof Precise>;

function binomials(n: number): Precise[] {
  const out: Precise[] = [new Precise(1)];
  for (let k = 1; k <= n; k++) out.push(out[k - 1]!.times(n - k + 1).div(k));
  return out;
}

/** P(S ≤ y) for S the sum of n uniforms on [0, 1] (the Irwin–Hall distribution), exactly. */
function irwinHallCdf(n: number, y: number): number {
  if (y <= 0) return 0;
  if (y >= n) return 1;
  const c = binomials(n);
  const x = new Precise(y);
  let total = new Precise(0);
  for (let k = 0; k <= Math.floor(y); k++) {
    const term = c[k]!.times(x.minus(k).pow(n));
    total = k % 2 === 0 ? total.plus(term) : total.minus(term);
  }
  let factorial = new Precise(1);
  for (let k = 2; k <= n; k++) factorial = factorial.times(k);
  return total.div(factorial).toNumber();
}

/** The complementary error function, to about 1e-7 (Numerical Recipes' erfcc). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** The chance that n rounding errors of up to half a unit each add up to at least x units either way. */
export function roundingTail(n: number, x: number): number {
  if (n <= 0) return x <= 0 ? 1 : 0;
  if (x <= 0) return 1;
  if (x >= n / 2) return 0;
  if (n <= EXACT_UP_TO) return Math.min(1, 2 * irwinHallCdf(n, n / 2 - x));
  return erfc(x / Math.sqrt(n / 6));
}

const likelyLimits = new Map<number, number>();

/**
 * The largest whole difference, in units, that rounding n printed lines gives with a chance of at
 * least 1 in 1,000: a printed total is off by round(sum of the errors), so k units or more happens
 * when the errors add up to at least k − ½.
 */
export function likelyRoundingLimit(n: number): number {
  let limit = likelyLimits.get(n);
  if (limit === undefined) {
    limit = 0;
    while (limit + 1 <= n / 2 && roundingTail(n, limit + 1 - 0.5) >= UNUSUAL_ROUNDING) limit++;
    likelyLimits.set(n, limit);
  }
  return limit;
}

export type RoundingVerdict = 'rounding' | 'unusual' | 'beyond';

/**
 * What a difference of `units` displayed units (not zero) between a total and its n addends says:
 * a rounding difference, one larger than rounding usually gives, or more than rounding can give.
 * A whole number of units is read as printed figures against printed figures; a fraction (a total
 * against an exact figure from elsewhere) as the rounding of the printed side alone.
 */
export function roundingVerdict(units: number, n: number): RoundingVerdict {
  const size = Math.abs(units);
  if (size > Math.max(n, 1) / 2 + 1e-9) return 'beyond';
  const whole = Math.abs(size - Math.round(size)) < 1e-9;
  if (whole) return size <= likelyRoundingLimit(Math.max(n, 1)) ? 'rounding' : 'unusual';
  return roundingTail(Math.max(n, 1), size) >= UNUSUAL_ROUNDING ? 'rounding' : 'unusual';
}
