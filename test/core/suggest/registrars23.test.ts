// Stop 23: whose violence a value is about, read from the misses of final 82–86 after their
// measurement (a mother hurt while the children are there is violence between the adults, H04,
// not violence against the child, H02). Each test failed before its change.
import { describe, expect, it } from 'vitest';
import type { Codebook } from '../../../src/core/types';
import { analyseValue } from '../../../src/core/suggest/features';
import { defaultProfile } from '../../../src/core/suggest/profile';
import { compileTerms } from '../../../src/core/suggest/terms';
import { normaliseValue } from '../../../src/core/suggest/normalise';
import { oneEditApart } from '../../../src/core/suggest/spelling';
import { haveDevSet } from './golden';
import { devActions, devReasons, tops } from './tops';

const terms = compileTerms(defaultProfile.vocabulary);
const read = (value: string) =>
  analyseValue(normaliseValue(value, defaultProfile.normalise), terms);

describe('a caregiver hurt, read from how the value names her', () => {
  it('after a relative `som` (`det är mamma som blir slagen`)', () => {
    expect(read('Det är mamma som blir slagen av pappa').caregiverVictim).toBe(true);
    // The child in the same frame is still the one hurt.
    expect(read('Barn som slås av förälder').childVictim).toBe(true);
  });

  it('before the word saying she was hurt (`våldsutsatt mamma`)', () => {
    expect(read('Våldsutsatt mamma, barnen i hemmet').caregiverVictim).toBe(true);
    expect(read('Våldsutsatt mamma, barnen i hemmet').childVictim).toBe(false);
    // A child hurt, and the father named after it, is not the father hurt.
    expect(read('Misshandel, barnet utsatt, pappa').childVictim).toBe(true);
    expect(read('Misshandel, barnet utsatt, pappa').caregiverVictim).toBe(false);
  });

  it('when the one who tells comes last (`…, säger grannen`)', () => {
    expect(read('Pappan misshandlar mamman, säger grannen').caregiverVictim).toBe(true);
  });

  it('as a pronoun after her partner (`mammans sambo slog henne`), only of her sex', () => {
    expect(read('Mammans sambo slog henne').caregiverVictim).toBe(true);
    expect(read('Mammans sambo slog henne').childVictim).toBe(false);
    // `honom` after the mother's partner is her son; after no partner, `henne` is the girl.
    expect(read('Mammas pojkvän slår honom').childVictim).toBe(true);
    expect(read('Pappa slår henne').childVictim).toBe(true);
  });

  it('with the passive forms of violence (`mamma ströps`)', () => {
    expect(read('Flickan var i rummet när mamma ströps').violent).toBe(true);
    expect(read('Flickan var i rummet när mamma ströps').matchText).toContain('våld');
  });
});

describe('violence between the adults with the children there', () => {
  it.skipIf(!haveDevSet)('is H04, not violence against the child', () => {
    tops(devReasons(), {
      'Det är mamma som blir slagen av pappa medan barnen är hemma': 'H04',
      'Våldsutsatt mor, barnen i hemmet': 'H04',
      'Beklagligtvis har mammans sambo åter slagit henne när barnen var hemma': 'H04',
      'Pappan misshandlar mamman, säger grannen': 'H04',
      // Unchanged: the child hurt.
      'Pappa slår henne': 'H02',
      'Misshandel, barnet utsatt, pappa': 'H02',
    });
  });
});

// Read from final 90–93's misses after their measurement (stop 23, round 4).
describe('a typing slip is a neighbouring key, two vowels or an ending', () => {
  it('forgives those and no other letter for another', () => {
    expect(oneEditApart('misshandel', 'missgandel')).toBe(true); // g beside h
    expect(oneEditApart('omsorg', 'omsårg')).toBe(true); // two vowels
    expect(oneEditApart('instängd', 'instängt')).toBe(true); // an ending
    expect(oneEditApart('misbruk', 'missbruk')).toBe(true); // a letter left out
    // `inlagt` (admitted to hospital) is not `inlåst` (locked in) mistyped.
    expect(oneEditApart('inlast', 'inlagt')).toBe(false);
  });

  it.skipIf(!haveDevSet)('so a child admitted to hospital is not read as violence', () => {
    tops(devReasons(), { 'Suicidförsök, barnet inlagt på BUP': 'B10' });
  });
});

describe('actions: a negation of something else, and a case sent on', () => {
  it.skipIf(!haveDevSet)('`utan` negates what it governs, not the value', () => {
    tops(devActions(), {
      'Utredning inleds utan vårdnadshavares samtycke': 'UTR1',
      // …and what it governs may be the investigation.
      'Förhandsbedömning avslutas utan utredning': 'EJU1',
      'Avslutas utan att utredning inleds': 'EJU1',
    });
  });

  it.skipIf(!haveDevSet)('`skickas vidare till`, `flyttat till` is handed over', () => {
    tops(devActions(), {
      'Skickas vidare till Botkyrka, familjen har flyttat': 'EJU3',
      'Familjen har flyttat till Malmö': 'EJU3',
    });
  });
});

describe('a negated tail, when the value before it is as close to two categories', () => {
  it('is part of what the value says (`Transferred – not in custody`, treatment_exit_reason)', () => {
    const codebook: Codebook = {
      id: 'exit',
      variable: 'exit',
      version: '1',
      categories: [
        { code: 'TCU', label: 'Transferred – in custody', synonyms: ['transferred'], parent: null },
        {
          code: 'TPR',
          label: 'Transferred – not in custody',
          synonyms: ['transferred'],
          parent: null,
        },
      ],
    };
    tops(codebook, { 'Transferred – not in custody': 'TPR', 'Transferred – in custody': 'TCU' });
  });
});

describe('the things registrars write instead of the problem (final 86–93, read)', () => {
  it.skipIf(!haveDevSet)('read as the concept they are signs of', () => {
    tops(devReasons(), {
      '〃 – ingen vuxen hämtar barnet på förskolan, gång på gång': 'H01',
      'Anledning: __________ ingen vuxen hemma på nätterna __________': 'H01',
      'Du angav: Barn som kommit ensamt till Sverige': 'O18',
      '*** Flickan berättar att morbror tagit på henne under kläderna ***': 'H03',
      'P04 – bitmärke på armen, mamma medger att hon bitit': 'H02',
      'Pappan inte helt nykter när han hämtade på förskolan': 'H07',
      'Ljuger och manipulerar hela tiden, flickan.': 'B14',
      'Ungdomen kommer att fortsätta röka på enligt egen utsago': 'B11',
      // A second pass over final 70–85's misses.
      'Kränkande behandling av barnet från vårdnadshavare': 'H02',
      'Pappa tar till nävarna mot sonen': 'H02',
      'Barnet lämnas vind för våg': 'H01',
      'Det är pappans spelande om pengar som tagit över hela hans tillvaro': 'H07',
      'Sammanfattningsvis: skolproblematik, når ej kunskapskraven': 'B15',
      'Yttrande begärt av tingsrätten': 'O22',
      'Mamma tvångsvårdas enl. LPT – barnen hos grannen': 'H08',
    });
  });
});

describe('the leaves of a negated group, told apart by the words beside the negation', () => {
  it.skipIf(!haveDevSet)(
    'support or a referral with `ingen utredning` is EJU2, not the bare EJU1',
    () => {
      tops(devActions(), {
        'Råd och stöd per telefon, ingen utredning': 'EJU2',
        'Hänvisning till vårdcentral, utredning inleds ej': 'EJU2',
        // The bare negation, and what a negation negates, stay EJU1.
        'Ingen utredning': 'EJU1',
        'Ingen utredning (inte överlämnad)': 'EJU1',
        'Selvitystä ei käynnistetä / Ingen utredning': 'EJU1',
        // `inleds` is said by the bare negation and the affirmed label alike: it tells no leaf apart.
        'Rådgivning och handledning utan beslut': 'EJU2',
      });
    },
  );
});

describe('actions: how registrars say an investigation starts, is joined, or a case stops', () => {
  it.skipIf(!haveDevSet)('read as the leaf they mean', () => {
    tops(devActions(), {
      'Ärendet går vidare till utredning': 'UTR1',
      'Kallelse till första utredningssamtalet skickas': 'UTR1',
      'Kopplas till öppen utredning – efterregistrerat': 'UTR2',
      'Ungdomen slussas till Mini-Maria, ingen utredning': 'EJU2',
      'Erbjöd samtal på Föräldrastöd, ingen utredning': 'EJU2',
      'Anmälan läggs till handlingarna': 'EJU1',
      'Saknas skäl att inleda utredning': 'EJU1',
    });
  });
});

describe('words alike only in their ending are other words (round 5, read)', () => {
  it.skipIf(!haveDevSet)(
    'so a current-or-past tag does not pull a value to another category',
    () => {
      tops(devReasons(), {
        // `aktuellt` shares only `-uellt` with `sexuellt`.
        'Barnet slås av styvfar (aktuellt)': 'H02',
        'Barnen hemma när pappa slog mamma (aktuellt)': 'H04',
        // A compound's part is still its word (`missbruk` in `alkoholmissbruk`).
        'Pappas alkoholmissbruk': 'H07',
        // A witness is one who has witnessed.
        'Barnet vittne till våld i hemmet': 'H04',
        // An academic citation's source is not whose problem it is.
        'Har misshandlat sin mamma (pers. komm. mamman, 2024-01-30)': 'B13',
        'F: Var är pappa? S: Han sitter på anstalt i Kumla': 'H09',
        'Barnet visar upp ett märke på kinden: "pappa smällde till mig"': 'H02',
      });
    },
  );
});
