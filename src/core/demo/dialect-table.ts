// One municipality's phrasings of one variable: which raw values its system produces for each
// code, and how often. Sampling is one random number and a binary search per row.
import { WeightedSampler, type Rng } from '../random';

/** Which rows an entry fits: values like `Anmälan barn 0-12 år` only fit children up to 12. */
export const AGES_YOUNG = 1;
export const AGES_OLD = 2;
export const AGES_ALL = AGES_YOUNG | AGES_OLD;

/** Age 0–12 → group 0, 13–17 → group 1 (the split systems use in their code lists). */
export function ageGroupOf(age: number): 0 | 1 {
  return age <= 12 ? 0 : 1;
}

export interface DialectEntry {
  readonly raw: string;
  /** Index of the code in the variable's code list. */
  readonly code: number;
  /** Relative frequency within the code; 0: a one-off that occurs exactly once. */
  readonly weight: number;
  readonly ages: number;
}

interface Picker {
  readonly sampler: WeightedSampler;
  readonly raws: readonly string[];
}

export class DialectTable {
  readonly entries: DialectEntry[] = [];
  private readonly raws = new Set<string>();
  /** `code * 2 + ageGroup` → picker; flat, because it is read once per row and column. */
  private pickers: (Picker | null)[] = [];

  add(entry: DialectEntry): void {
    if (this.raws.has(entry.raw)) return;
    this.raws.add(entry.raw);
    this.entries.push(entry);
  }

  has(raw: string): boolean {
    return this.raws.has(raw);
  }

  /** Builds the samplers; call once after the last `add`. */
  finalize(codeCount: number): void {
    this.pickers = [];
    for (let code = 0; code < codeCount; code++) {
      for (const mask of [AGES_YOUNG, AGES_OLD]) {
        const fit = this.entries.filter(
          (e) => e.code === code && e.weight > 0 && (e.ages & mask) !== 0,
        );
        this.pickers.push(
          fit.length === 0
            ? null
            : {
                sampler: new WeightedSampler(fit.map((e) => e.weight)),
                raws: fit.map((e) => e.raw),
              },
        );
      }
    }
  }

  /**
   * A raw value for a row with this code and age group; the other age group's if the system
   * has none for this one, and `null` if it has none at all.
   */
  sample(code: number, ageGroup: 0 | 1, rng: Rng): string | null {
    const picker = this.pickers[code * 2 + ageGroup] ?? this.pickers[code * 2 + 1 - ageGroup];
    if (!picker) return null;
    // Most codes have one phrasing per system: no draw needed.
    const raws = picker.raws;
    return raws.length === 1 ? (raws[0] as string) : (raws[picker.sampler.sample(rng)] as string);
  }
}
