// The benchmarks' own worker (issue 14 item 6): the plain references the app's figures are paired
// with, run in a worker as the app's suggestion worker runs, without the app around them.
import * as Comlink from 'comlink';
import { findBestMatch } from 'string-similarity';
import { createEngine, type KnownValue } from '../../../src/core/suggest/engine';
import { defaultProfile } from '../../../src/core/suggest/profile';
import type { Codebook } from '../../../src/core/types';

const handlers = {
  /**
   * string-similarity's findBestMatch of every value (lower-cased) against the targets (the
   * codebook's labels and synonyms, lower-cased): the plain reference. Returns how many values
   * had a target scoring above 0 (the work was really done).
   */
  findBest(raws: readonly string[], targets: readonly string[]): number {
    const list = [...targets];
    let matched = 0;
    for (const raw of raws)
      if (findBestMatch(raw.toLowerCase(), list).bestMatch.rating > 0) matched++;
    return matched;
  },
  /** The engine built and asked for every value's top k here, in one call: values with one. */
  engineSuggest(
    codebook: Codebook,
    known: ReadonlyMap<string, KnownValue>,
    raws: readonly string[],
    k: number,
  ): number {
    const engine = createEngine({ codebook, known, profile: defaultProfile });
    let suggested = 0;
    for (const raw of raws) if (engine.suggest(raw, k).length > 0) suggested++;
    return suggested;
  },
};

export type BaselineHandlers = typeof handlers;
Comlink.expose(handlers);
