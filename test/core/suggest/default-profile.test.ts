// Issue 12, item 1: the engine's Swedish knowledge is data (the default profile), and the default
// profile gives exactly the suggestions the code's word lists gave (digests recorded before the
// lists moved, by test/core/suggest/golden.ts on the dev set and every labelled fixture).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, type KnownValue } from '../../../src/core/suggest/engine';
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
    // Every labelled set, zero- and few-shot: over half a minute on two cores, and more as sets
    // are added (not a speed target: npm run bench measures speed).
    300_000,
  );
});

/** The top suggestion's code for a value, by an engine on the dev set's reasons codebook alone. */
function devOrsakTop(): (raw: string) => string | undefined {
  return devTop('dev-orsak');
}

/** The same on a dev set's codebook (`dev-orsak`, `dev-atgard`), with these decisions. */
function devTop(
  set: string,
  known: ReadonlyMap<string, KnownValue> = new Map(),
): (raw: string) => string | undefined {
  const codebook = labelledSets().find((s) => s.name === set)!.codebook;
  const engine = createEngine({ codebook, known: new Map(known) });
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

describe('registrars’ habits of final 30 (read): subject lines, forms, dictation', () => {
  it.skipIf(!haveDevSet)('read past the subject line, the form and the spoken punctuation', () => {
    const top = devOrsakTop();
    // `vin` (wine) was the abbreviation `VIN`, violence in a close relationship.
    expect(top('mamma dricker mycket vin varje kväll och somna i soffan')).toBe('H07');
    // `var`, `idag`: words of no category that outweighed the violence's own.
    expect(top('SV: Flickan visade blåmärken idag, pappa har slagit')).toBe('H02');
    expect(top('barn var hemma när pappa slog mamma i köket')).toBe('H04');
  });

  it.skipIf(!haveDevSet)(
    'know everyday phrasings of the concepts, and our and my as no words of them',
    () => {
      const top = devOrsakTop();
      expect(top('SV: Vår dotter mår psykiskt dåligt och vi behöver hjälp')).toBe('B10');
      expect(top('pojken kommer inte i skolan, han är hemma alla dagar')).toBe('B15');
      expect(top('VB: Oro – barnet hämtas inte från fritids')).toBe('H01');
      expect(top('kvinnan är gravid och man oroar för bebisen när den föds')).toBe('O20');
      expect(top('Ämne: Föräldrarna kan inte komma överens om barnet')).toBe('H06');
      expect(top('han sälja narkotika för äldre killar')).toBe('B12');
    },
  );

  it.skipIf(!haveDevSet)('keep a sentence’s words said twice (final 32, read)', () => {
    const top = devOrsakTop();
    // `närvaro` alone is school attendance; `i barnets närvaro` is witnessed violence.
    expect(top('Förekomst av våld i nära relation mellan vårdnadshavarna i barnets närvaro')).toBe(
      'H04',
    );
  });

  it.skipIf(!haveDevSet)('read text an earlier export garbled as it was meant', () => {
    const top = devOrsakTop();
    expect(top('Missbruk fÃ¶rÃ¤lder')).toBe('H07');
    expect(top('F&ouml;r&auml;lders psykiska oh&auml;lsa')).toBe('H08');
  });

  it.skipIf(!haveDevSet)('read a form’s `Nej` as the negation of its field', () => {
    const top = devTop('dev-atgard');
    expect(top('Utredning inleds: Nej')).toBe('EJU1');
    expect(top('Inleda utredning: Nej')).toBe('EJU1');
    expect(top('Utredning inleds: Ja')).toBe('UTR1');
  });

  it.skipIf(!haveDevSet)('let no decision pull by the form’s field names alone', () => {
    const orsak = labelledSets().find((s) => s.name === 'dev-orsak');
    const known = new Map([
      [
        'Område: Psykisk hälsa | Gäller: Vårdnadshavare',
        { code: 'H08', status: 'approved' as const },
      ],
    ]);
    const engine = createEngine({ codebook: orsak!.codebook, known });
    expect(engine.suggest('Område: Skola | Gäller: Barnet', 1)[0]?.code).not.toBe('H08');
    expect(engine.suggest('Område: Psykisk hälsa | Gäller: Barnet', 1)[0]?.code).toBe('B10');
  });
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
