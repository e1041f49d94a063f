// The records of blind double coding (issue 10 item 6), apart from what is computed on them
// (double-coding.ts): the backup format and the database need only these, and the first
// screen need not carry the sampling and agreement code.

import type { VariableId } from './types';

export const SAMPLE_MODES = ['random', 'stratified'] as const;
export type SampleMode = (typeof SAMPLE_MODES)[number];

/** A drawn sample, as recorded: with its seed and mode the same values are drawn again. */
export interface DoubleSample {
  /** Unique everywhere (a UUID). */
  readonly id: string;
  readonly variable: VariableId;
  readonly mode: SampleMode;
  readonly seed: number;
  /** The size asked for; `raws` is shorter when the variable has fewer values. */
  readonly size: number;
  readonly raws: readonly string[];
  /** The project members asked to code it. */
  readonly coders: readonly string[];
  readonly by: string;
  /** ISO 8601. */
  readonly at: string;
}

/** One coder's decision on one value of a sample. Immutable: a change of mind is a new one. */
export interface BlindCode {
  /** Unique everywhere (a UUID). */
  readonly id: string;
  readonly sample: string;
  readonly raw: string;
  readonly code: string;
  readonly by: string;
  /** ISO 8601. */
  readonly at: string;
}
