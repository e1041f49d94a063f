// Blind double coding (issue 10 item 6): a sample of a variable's values, drawn reproducibly from
// a seed, that several coders code without seeing each other's codes or the project's mapping;
// then how well they agree (core/agreement.ts, the same figures as `kodbok agreement`).
//
// Kept like the notes: the sample and every coder's decision are immutable events with their own
// ids, author and time, so events from two machines can simply be merged (server sync carries
// them): a coder's current code for a value is her latest decision on it, folded, never stored.

import { measureAgreement, type AgreementReport, type CoderCodes } from './agreement';
import { categoryIndex, categoryPath } from './codebook';
import { createRng } from './random';
import type { BlindCode, DoubleSample, SampleMode } from './double-sample';
import type { Category, Codebook, RawValue } from './types';
import type { Disagreement as QueuedDisagreement, DisagreementSide } from './team/fold';
import type { BlindCodesEvent, SampleEvent } from './team/events';

export { SAMPLE_MODES, type BlindCode, type DoubleSample, type SampleMode } from './double-sample';

/** How many frequency strata a stratified sample is drawn from (quartiles of the values by rows). */
export const STRATA = 4;

/** What drawing takes: the values are the variable's (their order does not matter). */
export interface SampleRequest {
  readonly size: number;
  readonly mode: SampleMode;
  readonly seed: number;
}

const byRaw = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Draws a sample's values: the same values, request and seed give the same sample on every
 * machine (values are put in a fixed order first, then drawn with the seeded generator).
 * `random`: every value equally likely. `stratified`: the values ranked by rows are cut into
 * STRATA groups of (nearly) equal size and each gives its share of the sample, so the frequent
 * values and the long tail are both coded. The result is in frequency order (most rows first).
 */
export function drawSample(
  values: readonly Pick<RawValue, 'raw' | 'frequency'>[],
  request: SampleRequest,
): string[] {
  const size = Math.max(0, Math.min(Math.floor(request.size), values.length));
  const ranked = [...values].sort((a, b) => b.frequency - a.frequency || byRaw(a.raw, b.raw));
  const rng = createRng(request.seed);
  let chosen: (typeof ranked)[number][];
  if (request.mode === 'random')
    chosen = rng
      .fork('random')
      .shuffle([...ranked])
      .slice(0, size);
  else {
    chosen = [];
    const strata = Math.min(STRATA, ranked.length);
    for (let s = 0; s < strata; s++) {
      const from = Math.floor((s * ranked.length) / strata);
      const to = Math.floor(((s + 1) * ranked.length) / strata);
      // Each stratum's share; the remainder goes to the most frequent strata first.
      const take = Math.floor(size / strata) + (s < size % strata ? 1 : 0);
      const stratum = ranked.slice(from, to);
      chosen.push(...rng.fork(`stratum ${s}`).shuffle(stratum).slice(0, take));
    }
  }
  const rank = new Map(ranked.map((v, i) => [v.raw, i]));
  return chosen.map((v) => v.raw).sort((a, b) => rank.get(a)! - rank.get(b)!);
}

function byTime(a: BlindCode, b: BlindCode): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : byRaw(a.id, b.id);
}

/**
 * Each coder's current codes on a sample: her latest decision per value (by time, then id, so
 * every machine folds the same events to the same codes). Codes on values outside the sample are
 * ignored. A Map per coder: raw values can be `__proto__`.
 */
export function codesByCoder(
  sample: DoubleSample,
  events: readonly BlindCode[],
): Map<string, Map<string, string>> {
  const coders = new Map<string, Map<string, string>>();
  for (const [coder, latest] of latestByCoder(sample, events))
    coders.set(coder, new Map([...latest].map(([raw, e]) => [raw, e.code])));
  return coders;
}

/** Each coder's latest decision per value of the sample, the decision itself (who, when, id). */
function latestByCoder(
  sample: DoubleSample,
  events: readonly BlindCode[],
): Map<string, Map<string, BlindCode>> {
  const inSample = new Set(sample.raws);
  const coders = new Map<string, Map<string, BlindCode>>();
  for (const e of [...events].sort(byTime)) {
    // A code by someone not asked to code the sample (a forged event) counts for nothing.
    if (e.sample !== sample.id || !inSample.has(e.raw) || !sample.coders.includes(e.by)) continue;
    const codes = coders.get(e.by) ?? new Map<string, BlindCode>();
    coders.set(e.by, codes);
    codes.set(e.raw, e);
  }
  return coders;
}

/**
 * What a coder may see of a sample while coding it: the values and her own codes only — never
 * another coder's, nor the project's code for the value.
 */
export function blindView(
  sample: DoubleSample,
  events: readonly BlindCode[],
  coder: string,
): { raw: string; code: string | null }[] {
  const own = codesByCoder(sample, events).get(coder) ?? new Map<string, string>();
  return sample.raws.map((raw) => ({ raw, code: own.get(raw) ?? null }));
}

/** Whether every coder asked has coded every value of the sample. */
export function sampleComplete(sample: DoubleSample, events: readonly BlindCode[]): boolean {
  const coders = codesByCoder(sample, events);
  return sample.coders.every((c) => (coders.get(c)?.size ?? 0) === sample.raws.length);
}

/**
 * Whether `person` may see the others' codes (the agreement report, the disagreements): not while
 * she is one of the sample's coders who has not finished: that would unblind her.
 */
export function mayCompare(
  sample: DoubleSample,
  events: readonly BlindCode[],
  person: string,
): boolean {
  if (!sample.coders.includes(person)) return true;
  return (codesByCoder(sample, events).get(person)?.size ?? 0) === sample.raws.length;
}

export type AgreementLevel = 'leaf' | 'group';

/** A code at leaf level as given, or its top-level group; a code the codebook lacks stays as it is. */
export function codeAtLevel(
  index: ReadonlyMap<string, Category>,
  code: string,
  level: AgreementLevel,
): string {
  return level === 'group' ? (categoryPath(index, code)[0]?.code ?? code) : code;
}

export interface SampleAgreementOptions {
  readonly codebook: Codebook;
  readonly level: AgreementLevel;
  /** `rows`: each value weighs its rows (`frequencies`), as `kodbok agreement --weight rows`. */
  readonly weight: 'values' | 'rows';
  readonly frequencies: ReadonlyMap<string, number>;
}

/** The sample's agreement among its coders (those who coded anything), via measureAgreement. */
export function sampleAgreement(
  sample: DoubleSample,
  events: readonly BlindCode[],
  options: SampleAgreementOptions,
): AgreementReport {
  const index = categoryIndex(options.codebook);
  const coders: CoderCodes[] = [...codesByCoder(sample, events)]
    .sort(([a], [b]) => byRaw(a, b))
    .map(([name, codes]) => ({
      name,
      codes: new Map(
        [...codes].map(([raw, code]) => [raw, codeAtLevel(index, code, options.level)]),
      ),
    }));
  const weight =
    options.weight === 'rows' ? (raw: string) => options.frequencies.get(raw) ?? 0 : undefined;
  return measureAgreement(coders, weight ? { weight } : {});
}

/** A value the coders coded differently: each coder's code, in coder order. */
export interface Disagreement {
  readonly raw: string;
  readonly codes: readonly { readonly coder: string; readonly code: string }[];
}

/** The sample's values on which at least two coders gave different codes (at the given level). */
export function disagreements(
  sample: DoubleSample,
  events: readonly BlindCode[],
  codebook: Codebook,
  level: AgreementLevel,
): Disagreement[] {
  const index = categoryIndex(codebook);
  const coders = [...codesByCoder(sample, events)].sort(([a], [b]) => byRaw(a, b));
  const out: Disagreement[] = [];
  for (const raw of sample.raws) {
    const codes = coders.flatMap(([coder, map]) => {
      const code = map.get(raw);
      return code === undefined ? [] : [{ coder, code }];
    });
    const distinct = new Set(codes.map((c) => codeAtLevel(index, c.code, level)));
    if (distinct.size > 1) out.push({ raw, codes });
  }
  return out;
}

/** How the queue's id of a double-coding disagreement starts. */
export const DOUBLE_CODING_PREFIX = 'dis:double:';

/**
 * A completed sample's disagreements as the disagreements queue lists them (core/team/fold.ts):
 * one per value the coders coded differently, every coder's code a side (who, when, which
 * decision), the same id however often it is computed. Empty while the sample is not complete:
 * a coder still coding would be unblinded.
 */
export function queuedDisagreements(
  sample: DoubleSample,
  events: readonly BlindCode[],
  codebook: Codebook,
): QueuedDisagreement[] {
  if (!sampleComplete(sample, events)) return [];
  const latest = latestByCoder(sample, events);
  return disagreements(sample, events, codebook, 'leaf').map((d) => {
    const sides: DisagreementSide[] = d.codes.map(({ coder, code }) => {
      const e = latest.get(coder)?.get(d.raw);
      return {
        event: e?.id ?? null,
        by: coder,
        at: e?.at ?? null,
        code,
        status: 'coded',
        note: '',
      };
    });
    const [held, arrived, ...others] = sides as [DisagreementSide, DisagreementSide];
    return {
      // Length-prefixed: a raw value may contain any character.
      id: `${DOUBLE_CODING_PREFIX}${sample.id}:${d.raw.length}:${d.raw}`,
      variable: sample.variable,
      raw: d.raw,
      subject: 'double-coding',
      held,
      arrived,
      ...(others.length > 0 ? { others } : {}),
    };
  });
}

/** A project's double coding as a browser holds it: samples and blind codes, each by id. */
export interface DoubleCodingState {
  readonly samples: ReadonlyMap<string, DoubleSample>;
  readonly codes: ReadonlyMap<string, BlindCode>;
}

/**
 * A team's double-coding events folded into a browser's state (issue 10 item 6 on a team): a
 * sample and a code are immutable records with ids made where they were written, so each is
 * added once, whatever order the events come in and however often. The state says nothing of
 * who may see what: blindView and mayCompare decide that on every machine alike.
 */
export function foldDoubleCoding(
  state: DoubleCodingState,
  events: readonly (SampleEvent | BlindCodesEvent)[],
): DoubleCodingState {
  const samples = new Map(state.samples);
  const codes = new Map(state.codes);
  for (const e of events) {
    if (e.kind === 'sample') {
      if (!samples.has(e.sample.id)) samples.set(e.sample.id, e.sample);
      continue;
    }
    for (const c of e.codes) {
      // Only her own codes on the event's sample (readTeamEvent refuses others already).
      if (c.by === e.author && c.sample === e.sample && !codes.has(c.id)) codes.set(c.id, c);
    }
  }
  return { samples, codes };
}

/** Why a blind code is refused (nothing is stored then). */
export type BlindRefusal = 'not-a-coder' | 'not-in-sample' | 'not-a-leaf';

/**
 * A coder codes only as herself, only a sample she was asked to code, only its values, and only
 * to a leaf of the variable's codebook (as every coding in Kodbok).
 */
export function blindCodeRefusal(
  sample: DoubleSample,
  leaves: ReadonlySet<string>,
  decision: Pick<BlindCode, 'raw' | 'code' | 'by'>,
): BlindRefusal | null {
  if (!sample.coders.includes(decision.by)) return 'not-a-coder';
  if (!sample.raws.includes(decision.raw)) return 'not-in-sample';
  if (!leaves.has(decision.code)) return 'not-a-leaf';
  return null;
}
