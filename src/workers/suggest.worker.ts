import * as Comlink from 'comlink';
import { createEngine, type KnownValue, type SuggestionEngine } from '../core/suggest/engine';
import type { Codebook, Suggestion } from '../core/types';

// The suggestion engine lives here so the grid never waits for it. One engine per
// project variable; learning is incremental (only what changed is sent).

const engines = new Map<string, SuggestionEngine>();

function engineFor(key: string): SuggestionEngine {
  const e = engines.get(key);
  if (!e) throw new Error(`No suggestion engine for ${key}: call init first`);
  return e;
}

export const suggestHandlers = {
  /** (Re)builds the engine of one project variable from its codebook and known values. */
  init(key: string, codebook: Codebook, known: ReadonlyMap<string, KnownValue>): void {
    engines.set(key, createEngine({ codebook, known }));
  },
  /** Applies changes of the known values: a value now approved or coded, or no longer (null). */
  learn(key: string, changes: ReadonlyMap<string, KnownValue | null>): void {
    const engine = engineFor(key);
    for (const [raw, known] of changes) {
      if (known) engine.learn(raw, known);
      else engine.forget(raw);
    }
  },
  suggest(key: string, raws: readonly string[], k: number): Suggestion[][] {
    const engine = engineFor(key);
    return raws.map((raw) => engine.suggest(raw, k));
  },
  drop(key: string): void {
    engines.delete(key);
  },
};

export type SuggestHandlers = typeof suggestHandlers;

Comlink.expose(suggestHandlers);
