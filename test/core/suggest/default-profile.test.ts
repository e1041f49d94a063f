// Issue 12, item 1: the engine's Swedish knowledge is data (the default profile), and the default
// profile gives exactly the suggestions the code's word lists gave (digests recorded before the
// lists moved, by test/core/suggest/golden.ts on the dev set and every labelled fixture).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/core/suggest/engine';
import { haveDevSet, labelledSets, suggestionDigest } from './golden';

const recorded = JSON.parse(
  readFileSync(new URL('./golden-digests.json', import.meta.url), 'utf8'),
) as Record<string, string>;

describe('the default profile', () => {
  it.skipIf(!haveDevSet)(
    'gives exactly the suggestions of the code it replaced, on the dev set and every fixture',
    () => {
      const got: Record<string, string> = {};
      for (const set of labelledSets()) got[set.name] = suggestionDigest(set, createEngine);
      expect(got).toEqual(recorded);
    },
  );
});

/** The top suggestion's code for a value, by an engine on the dev set's reasons codebook alone. */
function devOrsakTop(): (raw: string) => string | undefined {
  const orsak = labelledSets().find((s) => s.name === 'dev-orsak');
  const engine = createEngine({ codebook: orsak!.codebook, known: new Map() });
  return (raw) => engine.suggest(raw, 1)[0]?.code;
}

describe('English loan words in Swedish case notes', () => {
  it.skipIf(!haveDevSet)('are read as the concepts of the vocabulary they name', () => {
    const top = devOrsakTop();
    // Found unread in final 21 (sets-stop15-README.md): no suggestion, or another concept's.
    expect(top('Oro för neglect')).toBe('H01');
    expect(top('Parent substance misuse')).toBe('H07');
    expect(top('Mental ill-health egen')).toBe('B10');
    expect(top('School absence')).toBe('B15');
    expect(top('Unborn baby')).toBe('O20');
    expect(top('Runaway egen')).toBe('O21');
  });
});

describe('verbs that say nothing of a category', () => {
  it.skipIf(!haveDevSet)('are no words of any category', () => {
    const top = devOrsakTop();
    // final 19 (read): `förekommer` shares `ek`, `ko` and `om` with the synonym `ekonomi` (Dice
    // 0.40), which outscored violence between the adults.
    expect(top('Barn i familj där våld förekommer mellan de vuxna')).toBe('H04');
    expect(top('Våld förekom mellan de vuxna')).toBe('H04');
    expect(top('Missbruk hos mamma föreligger')).toBe('H07');
    // final 22 (read): `påverkar` (affects) was read as `påverkad` (intoxicated) mistyped.
    expect(top('Vårdnadstvist som påverkar barnet')).toBe('H06');
    // final 22–24 (read): `hämtade` (picked up) was read as `häktade` (remanded) mistyped.
    expect(top('Pappa luktade alkohol när han hämtade')).toBe('H07');
    // `saknar` (lacks) was read as `saknad` (missing) mistyped: a missing child (15 times in the
    // read sets), found listing the words the vocabulary read only as a slip.
    expect(top('Eleven saknar skolplacering')).toBe('B15');
    expect(top('Familjen saknar bostad')).toBe('O19');
  });

  it.skipIf(!haveDevSet)(
    'nor do the reporters that name no problem (`Polis:`, `enligt skolkurator`)',
    () => {
      const top = devOrsakTop();
      // final 18, 20, 23, 24 (read): `polis` and `skolkurator` outscored the value's own words by
      // their letters (`skolkurator` shares `skol` with `skolfrånvaro`).
      expect(top('Polis - misstänkt misshandel av barn, förövare styvfar')).toBe('H02');
      expect(top('Styvfar har tagit stryptag på J (14 år) enligt skolkurator.')).toBe('H02');
    },
  );
});

describe('the home as the place it happened', () => {
  it.skipIf(!haveDevSet)('is no housing problem, but losing it is', () => {
    const top = devOrsakTop();
    // final 17, 18, 23 (read): `i bostaden`, `till lägenheten` were read as housing (O19).
    expect(top('Barnet har sett pappa misshandla mamma i bostaden, granne larmade polis')).toBe(
      'H04',
    );
    expect(top('Familjen har blivit av med lägenheten')).toBe('O19');
    expect(top('Mamma har förlorat bostaden')).toBe('O19');
  });
});
