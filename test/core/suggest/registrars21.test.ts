// Habits of the registrars that stop 20's later batches (final 62–69) imitated, read after one
// measurement each. Each test failed before its change.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseProfile } from '../../../src/core/suggest/choose';
import { createEngine } from '../../../src/core/suggest/engine';
import { normaliseValue } from '../../../src/core/suggest/normalise';
import { neutralProfile } from '../../../src/core/suggest/profile';
import type { Codebook } from '../../../src/core/types';
import { codebookAt, DEV_SET, haveDevSet } from './golden';

const devActions = (): Codebook => codebookAt(resolve(DEV_SET, 'atgard_codebook.json'));

/** Each value's top suggestion, with the profile the app would choose for the codebook. */
const tops = (codebook: Codebook, want: Record<string, string>) => {
  const engine = createEngine({
    codebook,
    known: new Map(),
    profile: chooseProfile(codebook).profile,
  });
  expect(
    Object.fromEntries(Object.keys(want).map((raw) => [raw, engine.suggest(raw, 3)[0]?.code])),
  ).toEqual(want);
};

describe('a report table’s footnote marks (normalisation rule punctuation)', () => {
  it('are no part of the word they end', () => {
    expect(normaliseValue('Utredning inleds ej¹')).toBe('utredning inleds ej');
    expect(normaliseValue('Bristande omsorg²³')).toBe('bristande omsorg');
    expect(normaliseValue('Missbruk⁴ hos förälder', neutralProfile.normalise)).toBe(
      'missbruk hos förälder',
    );
  });

  it.skipIf(!haveDevSet)('no longer hide a negation', () => {
    tops(devActions(), { 'Utredning inleds ej¹': 'EJU1', 'Utredning inleds²': 'UTR1' });
  });
});

describe('the charting sign Ø (none) in the Swedish profile', () => {
  it('is read as `ingen`, written as a capital only', () => {
    expect(normaliseValue('Ø utredning')).toBe('ingen utredning');
    expect(normaliseValue('ø utredning')).toBe('ø utredning');
    // The neutral profile knows no such sign.
    expect(normaliseValue('Ø utredning', neutralProfile.normalise)).toBe('ø utredning');
  });

  it.skipIf(!haveDevSet)('makes an action a negated one', () => {
    tops(devActions(), { 'Ø utredning': 'EJU1' });
  });
});
