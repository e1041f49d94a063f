import * as Comlink from 'comlink';
import { clusterByKey, clusterByNeighbours, type ValueCluster } from '../core/suggest/cluster';
import { combinedParts, type CombinedPart } from '../core/suggest/combined';
import { createEngine, type KnownValue, type SuggestionEngine } from '../core/suggest/engine';
import {
  previewNormaliseRules,
  type NormaliseConfig,
  type RulePreview,
} from '../core/suggest/normalise';
import type { SuggestProfile, WordVectorsName } from '../core/suggest/profile';
import { readWordVectors, type WordVectors } from '../core/suggest/vectors';
import type { Codebook } from '../core/types';
import { packSuggestions, transferablesOf, type PackedSuggestions } from './suggestion-wire';

// The suggestion worker's handlers (suggest.worker.ts exposes them): the engine lives in the worker
// so the grid never waits for it. One engine per project variable; learning is incremental (only
// what changed is sent). Apart from the worker so a test can run them as the app does.

const engines = new Map<string, SuggestionEngine>();
/** Each engine's codebook: which part of a combined value only restates another's group. */
const codebooks = new Map<string, Codebook>();

// A profile arrives as a new copy with every init (postMessage clones it), while what the engine
// compiles of it (the normalisation's patterns, the language, the vocabulary scoped to a codebook)
// is kept per profile object: an unchanged profile is given back the object it came as before, so
// a new engine starts from those instead of compiling them again.
const profiles = new Map<string, SuggestProfile>();
const MAX_PROFILES = 4;

function sameProfile(profile: SuggestProfile): SuggestProfile {
  const key = JSON.stringify(profile);
  const had = profiles.get(key);
  if (had) return had;
  if (profiles.size >= MAX_PROFILES) profiles.delete(profiles.keys().next().value as string);
  profiles.set(key, profile);
  return profile;
}

/**
 * How the worker reads the bytes of named word vectors: suggest.worker.ts fetches them from the
 * app's own origin (public/vectors); a test reads the file.
 */
export type VectorsLoader = (name: WordVectorsName) => Promise<Uint8Array>;
let vectorsLoader: VectorsLoader | null = null;
export function setVectorsLoader(load: VectorsLoader): void {
  vectorsLoader = load;
  vectorsRead.clear();
}
/** Each table once per worker: about 11 MB, read in about 0.1 s. */
const vectorsRead = new Map<string, Promise<WordVectors>>();

async function readVectors(name: WordVectorsName): Promise<WordVectors> {
  if (!vectorsLoader) throw new Error('the worker has no way to read them');
  const read = readWordVectors(await vectorsLoader(name));
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

function engineFor(key: string): SuggestionEngine {
  const e = engines.get(key);
  if (!e) throw new Error(`No suggestion engine for ${key}: call init first`);
  return e;
}

export const suggestHandlers = {
  /**
   * (Re)builds the engine of one project variable from its codebook, known values and profile,
   * with the word vectors the profile names. Vectors that cannot be read leave the engine without
   * them, and the problem is returned for the researcher to see (null: none).
   */
  async init(
    key: string,
    codebook: Codebook,
    known: ReadonlyMap<string, KnownValue>,
    profile: SuggestProfile,
  ): Promise<string | null> {
    let vectors: WordVectors | undefined;
    let problem: string | null = null;
    const name = profile.wordVectors;
    if (name) {
      let reading = vectorsRead.get(name);
      if (!reading) vectorsRead.set(name, (reading = readVectors(name)));
      try {
        vectors = await reading;
      } catch (e) {
        vectorsRead.delete(name);
        problem = `${name}: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    engines.set(key, createEngine({ codebook, known, profile: sameProfile(profile), vectors }));
    codebooks.set(key, codebook);
    return problem;
  },
  /**
   * Applies changes of the known values (a value now approved or coded, or no longer: null) and
   * returns the values suggested so far whose suggestions they may have moved: only those need
   * suggesting again.
   */
  learn(key: string, changes: ReadonlyMap<string, KnownValue | null>): string[] {
    const engine = engineFor(key);
    for (const [raw, known] of changes) {
      if (known) engine.learn(raw, known);
      else engine.forget(raw);
    }
    return engine.affected();
  },
  /** The best k suggestions of each value, packed for the trip (unpackSuggestions reads them). */
  suggest(key: string, raws: readonly string[], k: number): PackedSuggestions {
    const engine = engineFor(key);
    const packed = packSuggestions(raws.map((raw) => engine.suggest(raw, k)));
    return Comlink.transfer(packed, transferablesOf(packed));
  },
  /**
   * The values that probably name several reasons (combined.ts), each with its parts and their
   * own suggestions; values that are probably one reason are left out.
   */
  combined(key: string, raws: readonly string[]): [string, CombinedPart[]][] {
    const engine = engineFor(key);
    return raws.flatMap((raw): [string, CombinedPart[]][] => {
      const parts = combinedParts(
        raw,
        (text) => engine.suggest(text, 3),
        undefined,
        codebooks.get(key),
      );
      return parts ? [[raw, parts]] : [];
    });
  },
  /** What each normalisation rule changes on these values, for the rules panel. */
  previewRules(raws: readonly string[], config: NormaliseConfig): RulePreview[] {
    return previewNormaliseRules(raws, config);
  },
  /** Clusters of values: same normalised key, or (with a threshold) nearest neighbours. */
  clusters(
    raws: readonly string[],
    config: NormaliseConfig,
    threshold: number | null,
  ): ValueCluster[] {
    return threshold === null
      ? clusterByKey(raws, { config, minSize: 2 })
      : clusterByNeighbours(raws, { config, threshold, minSize: 2 });
  },
  drop(key: string): void {
    engines.delete(key);
    codebooks.delete(key);
  },
};

export type SuggestHandlers = typeof suggestHandlers;
