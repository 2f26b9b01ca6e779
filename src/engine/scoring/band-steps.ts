import { Decimal } from '../money';
import { BANDS, type Band, type ScoringModel } from './model';
import { judgeAt, type ScoredProposal } from './score';

/**
 * A proposal's band for every reward it could show, from the scoring's own tests (judgeAt). With everything but
 * the reward fixed the band only gets better as the reward rises (the risk gate lifts at its setting, then
 * Priority 3, 2, 1 at theirs), so a few steps describe it: found by bisection, not by trying all 1,001 tenths.
 */
export class BandSteps {
  /** Per proposal: the tenths at which each band starts, lowest first, with the band. */
  private readonly steps: { from: number; band: Band }[][];

  constructor(projects: ScoredProposal[], model: ScoringModel, maxTenths: number) {
    this.steps = projects.map((p) => {
      const bandAt = (tenths: number) => judgeAt(p, new Decimal(tenths).div(10), model).band;
      const steps = [{ from: 0, band: bandAt(0) }];
      for (let last = steps[0]!; ;) {
        const top = bandAt(maxTenths);
        if (top === last.band) break;
        // The least tenths above last.from with a better band.
        let lo = last.from;
        let hi = maxTenths;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (bandAt(mid) === last.band) lo = mid;
          else hi = mid;
        }
        last = { from: hi, band: bandAt(hi) };
        steps.push(last);
      }
      return steps;
    });
  }

  band(i: number, tenths: number): Band {
    const steps = this.steps[i]!;
    let band = steps[0]!.band;
    for (const s of steps) if (s.from <= tenths) band = s.band;
    return band;
  }

  gated(i: number, tenths: number): boolean {
    return this.band(i, tenths) === 'Not supported';
  }

  /** The tenths the proposal would next show with another band, moving up (`rising`) or down from `tenths`; null when none. */
  nextChange(i: number, tenths: number, rising: boolean): number | null {
    const steps = this.steps[i]!;
    if (rising) return steps.find((s) => s.from > tenths)?.from ?? null;
    const current = [...steps].reverse().find((s) => s.from <= tenths);
    return current && current.from > 0 ? current.from - 1 : null;
  }

  /** The tenths at and above which it is not gated; 0 when never gated, null when always gated. */
  ungatedFrom(i: number): number | null {
    const first = this.steps[i]!.find((s) => s.band !== 'Not supported');
    return first ? first.from : null;
  }
}

/** True when band `a` is better than band `b`. */
export const betterBand = (a: Band, b: Band) => BANDS.indexOf(a) < BANDS.indexOf(b);
