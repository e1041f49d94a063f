// Habits of the registrars that stop 19's fresh sets imitated (final 46–49, misses read after one
// measurement). Each test failed before its change.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/core/suggest/engine';
import { analyseValue } from '../../../src/core/suggest/features';
import { normaliseValue } from '../../../src/core/suggest/normalise';
import { neutralProfile } from '../../../src/core/suggest/profile';
import { resolve } from 'node:path';
import type { Codebook } from '../../../src/core/types';
import { codebookAt, DEV_SET, haveDevSet } from './golden';

/** The reference reason codebook of the dev set (read when a test runs: skipped without it). */
const devReasons = (): Codebook => codebookAt(resolve(DEV_SET, 'orsak_codebook.json'));

const tops = (codebook: Codebook, want: Record<string, string>) => {
  const engine = createEngine({ codebook, known: new Map() });
  expect(
    Object.fromEntries(Object.keys(want).map((raw) => [raw, engine.suggest(raw, 3)[0]?.code])),
  ).toEqual(want);
};

describe('a codebook text met word by word (alignedDice)', () => {
  // The reference reason codebook: honour-related violence (H05) beside violence against the child.
  it.skipIf(!haveDevSet)(
    'does not lift a longer text through bigrams met across unrelated words',
    () => {
      const reasons = devReasons();
      // `hedersvåld` shares `våld` with these and, before, the `de`/`er` of `minderårig`, the `er`
      // of `eskalerande` and `uppgift`'s nothing but the length: honour-related violence beat
      // violence against the child on every such value with a word the codebook does not know.
      tops(reasons, {
        'Misshandel av minderårig': 'H02',
        'Eskalerande aga i hemmet': 'H02',
        'Utreda uppgift om att pappan slår barnet': 'H02',
        'Kränkande behandling och våld mot barnet från vårdnadshavare': 'H02',
        // What the words say still decides.
        'Hedersrelaterat förtryck, kontrolleras av bröderna': 'H05',
        hedersvåld: 'H05',
      });
    },
  );

  it('is the Swedish profile’s alone: the neutral profile counts plain Dice', () => {
    expect(neutralProfile.weights.alignedDice).toBe(0);
  });
});

describe('a tail that points elsewhere (the word class pointers)', () => {
  const content = (raw: string) => analyseValue(normaliseValue(raw)).matchText;

  it('reads what comes after a channel or a pointer to the details as no content', () => {
    // `skolans` named the channel, and met `Skolproblematik` word by word.
    expect(content('Ungdomen har slagit en klasskamrat – inkom via skolans e-tjänst')).toBe(
      content('Ungdomen har slagit en klasskamrat'),
    );
    expect(content('Pappa dricker mycket, se bilaga 2')).toBe(content('Pappa dricker mycket'));
    expect(content('Barnet har ont i magen ofta jfr BVC-journal 230911')).toBe(
      content('Barnet har ont i magen ofta'),
    );
  });

  it('keeps a word of the class that is part of what the value says', () => {
    // `via nätet` is how the child meets them; `bil` alone is a car.
    expect(content('Träffar äldre män via nätet för sex')).toContain('nätet');
    expect(content('Omhändertagen av polis efter inbrott i bil')).toContain('inbrott');
    // Only after the first word: a value that is all pointer stays what it is.
    expect(content('Jfr tidigare anmälan')).not.toBe('');
  });
});

describe('words of an older case system and of Finland-Swedish practice', () => {
  it.skipIf(!haveDevSet)('reads them as the concepts they name', () => {
    tops(devReasons(), {
      'Sinnessjuk moder': 'H08',
      'Otukt med barn': 'H03',
      'Sedlighetsbrott mot barnet': 'H03',
      Vanartighet: 'B14',
      'Svåruppfostrad pojke': 'B14',
      'Fylleri i hemmet, fadern': 'H07',
      'Barnets nervösa besvär': 'B10',
    });
  });
});

describe('a parent hurt, told with an auxiliary; selling drugs', () => {
  it.skipIf(!haveDevSet)('reads the one hurt past bli, blir, har blivit', () => {
    tops(devReasons(), {
      'mamma har blivit slagen av sambon': 'H04',
      'Min mamma blir slagen av hennes kille och jag är rädd': 'H04',
      // The child hurt stays the child.
      'Barnet har blivit slagen av pappa': 'H02',
      // Hurt: `skadad` is violence done to the one before it.
      'mamma skadad av pappa': 'H04',
      // `från` names the doer after violence, as `av` does.
      '<p>Våld mot mamma från sonen</p>': 'B13',
    });
  });

  it.skipIf(!haveDevSet)('reads selling drugs as crime, not misuse', () => {
    tops(devReasons(), {
      'Ungdom som misstänks för narkotikaförsäljning': 'B12',
      'Jag har sett grannens son sälja knark vid skolan': 'B12',
      'mamman är misstänkt för narkotikaförsäljning från bostaden': 'H09',
      // `längre` is one slip from a dealer's `langare`, which is therefore no word of the list.
      'Vi klarar inte vår son längre, han gör som han vill': 'B14',
    });
  });
});

describe('concrete signs: shut in as a punishment, a child not picked up', () => {
  it.skipIf(!haveDevSet)('reads them as violence and as neglect', () => {
    tops(devReasons(), {
      'pappa låser in honom i förrådet som straff': 'H02',
      'Barnet har inte hämtats från förskolan av vårdnadshavare': 'H01',
      'fa glömmer hämta på fsk, barnet står kvar': 'H01',
      'Hen saknar vinterkläder och går i sandaler': 'H01',
    });
    // A child who shuts himself in (`stänger in sig`) is not shut in by anyone.
    const engine = createEngine({
      codebook: devReasons(),
      known: new Map(),
    });
    expect(engine.suggest('Stänger in sig på rummet, vill inte träffa någon', 3)[0]?.code).not.toBe(
      'H02',
    );
  });
});

describe('actions in a neighbouring Nordic language or in English', () => {
  it.skipIf(!haveDevSet)('reads an investigation, its closing and a referral', () => {
    tops(codebookAt(resolve(DEV_SET, 'atgard_codebook.json')), {
      'Ingen undersøkelse': 'EJU1',
      'Undersøkelse opprettes': 'UTR1',
      'Meldingen henlegges': 'EJU1',
      'Lagt ned efter förhandsbedömning': 'EJU1',
      'no further action': 'EJU1',
      'full assessment beslutad': 'UTR1',
      'signposting till familjecentralen': 'EJU2',
    });
  });
});

describe('a parent hurt, with a child named too', () => {
  it('is the adults’ violence, not the child’s own', () => {
    // Before, the weak `barn` made it the child's: the owner rules read a child named before a
    // parent hurt. A parent hurt by the child named as the doer stays the child's.
    expect(analyseValue(normaliseValue('Barn som sett mamma bli slagen')).owner).toBe('caregiver');
    expect(analyseValue(normaliseValue('mamma misshandlad av sonen')).owner).toBe('child');
  });
});
