// Shared by the tests of registrars' habits: the dev set's codebooks, and each value's top
// suggestion with the profile the app would choose for a codebook.
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { chooseProfile } from '../../../src/core/suggest/choose';
import { createEngine, type KnownValue } from '../../../src/core/suggest/engine';
import type { Codebook } from '../../../src/core/types';
import { codebookAt, DEV_SET } from './golden';

/** The dev set's reason codebook (read when a test runs: skip without the dev set). */
export const devReasons = (): Codebook => codebookAt(resolve(DEV_SET, 'orsak_codebook.json'));
/** The dev set's action codebook. */
export const devActions = (): Codebook => codebookAt(resolve(DEV_SET, 'atgard_codebook.json'));

/** Expects each value's top suggestion, with the profile the app would choose for the codebook. */
export const tops = (
  codebook: Codebook,
  want: Record<string, string>,
  known: ReadonlyMap<string, KnownValue> = new Map(),
): void => {
  const engine = createEngine({ codebook, known, profile: chooseProfile(codebook).profile });
  expect(
    Object.fromEntries(Object.keys(want).map((raw) => [raw, engine.suggest(raw, 3)[0]?.code])),
  ).toEqual(want);
};
