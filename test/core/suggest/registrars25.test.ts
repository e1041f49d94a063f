// Stop 25: a parent named in the possessive after a preposition (`anm. om pappas missbruk`), read
// from the largest group of reason misses over every labelled set (a parent's misuse read as the
// child's); then, from round 9's misses after its measurement, two habits of writing: a short word
// spaced out for emphasis (`Utredning inleds  e j`) and signs written for words
// (`Pappa 🍺🍺🍺 varje helg`). Each test failed before its change.
import { describe, expect, it } from 'vitest';
import { analyseValue, withoutOpener } from '../../../src/core/suggest/features';
import { compileLanguage, defaultLanguage } from '../../../src/core/suggest/language';
import { joinLetterSpaced, normaliseValue } from '../../../src/core/suggest/normalise';
import { defaultProfile, englishProfile } from '../../../src/core/suggest/profile';
import { compileTerms } from '../../../src/core/suggest/terms';
import { haveDevSet } from './golden';
import { devActions, devReasons, tops } from './tops';

const terms = compileTerms(defaultProfile.vocabulary);
const read = (value: string) =>
  analyseValue(normaliseValue(value, defaultProfile.normalise), terms);

describe('a parent in the possessive after a preposition', () => {
  it('owns the problem that follows, whatever the preposition', () => {
    for (const value of [
      '3:e anm om pappas cannabisbruk',
      'Med anl. av fars narkotikabruk',
      'Anmälan om mammas drickande',
    ]) {
      expect([value, read(value).owner, read(value).ownerStated]).toEqual([
        value,
        'caregiver',
        true,
      ]);
    }
  });

  it('is still the one hurt after `mot`, and a party between', () => {
    const hurt = read('Våld mot pappas sambo');
    expect([hurt.owner, hurt.otherVictim]).toEqual([null, true]);
    expect(read('Bråk mellan mammas och pappas familjer').owner).not.toBe('child');
  });

  it.skipIf(!haveDevSet)('gives the parent’s category', () => {
    tops(devReasons(), {
      '3:e anm om pappas cannabisbruk': 'H07',
      'Med anl. av fars narkotikabruk': 'H07',
    });
  });
});

describe('a short word spaced out for emphasis (`Utredning inleds  e j`)', () => {
  it('is read as the word it spells, after a wider gap, as longer runs were (stop 22)', () => {
    expect(joinLetterSpaced('Utredning inleds  e j')).toBe('Utredning inleds  ej');
    expect(joinLetterSpaced('U t r e d n i n g  i n l e d s  e j')).toBe('Utredning  inleds  ej');
    expect(joinLetterSpaced('Pappan s l å r  barnet')).toBe('Pappan slår  barnet');
  });

  it('is no word where two letters stand between single spaces', () => {
    expect(joinLetterSpaced('Missbruk f o')).toBe('Missbruk f o');
    expect(joinLetterSpaced('e j  utredning')).toBe('e j  utredning');
  });

  it.skipIf(!haveDevSet)('keeps a spaced-out negation a negation', () => {
    tops(devActions(), {
      'Utredning inleds  e j': 'EJU1',
      'U t r e d n i n g  i n l e d s  e j': 'EJU1',
    });
  });
});

describe('signs written for words', () => {
  it('are read as the words of the profile’s language, one word for a run of one sign', () => {
    expect(normaliseValue('Pappa 🍺🍺🍺 varje helg', defaultProfile.normalise)).toBe(
      'pappa alkohol varje helg',
    );
    expect(normaliseValue('Mamma 🤕 av pappa, barnet 👀 allt', defaultProfile.normalise)).toBe(
      'mamma skadad av pappa barnet ser allt',
    );
    expect(normaliseValue('Dad 🍺 every night, 💊 too', englishProfile.normalise)).toBe(
      'dad alcohol every night pills too',
    );
  });

  it.skipIf(!haveDevSet)('give the category the words give', () => {
    tops(devReasons(), {
      'Pappa 🍺🍺🍺 varje helg när han har barnen': 'H07',
      'Ungdomen 🍺 varje helg, hittad redlös i parken': 'B11',
      'Tonåringen 👊 sin mamma när hon tar mobilen': 'B13',
      'Mamma 🤕 av pappa, barnet 👀 allt': 'H04',
    });
  });
});

describe('a parent never sober', () => {
  it.skipIf(!haveDevSet)('is a parent’s misuse, not a negation of anything', () => {
    tops(devReasons(), {
      'Pappan är aldrig nykter på helgerna': 'H07',
      'Fadern knappast nykter vid hämtningarna': 'H07',
    });
  });
});

describe('a turning point first (`Efter separationen: …`)', () => {
  const sv = compileLanguage(defaultLanguage);
  it('is no content when words follow its colon', () => {
    expect(withoutOpener('Efter separationen: mamman dricker', sv)).toBe('mamman dricker');
    expect(withoutOpener('Sedan pappa dog: 14-åringen har panikattacker', sv)).toBe(
      '14-åringen har panikattacker',
    );
    // Not a word of `openers`, one word after the colon, or no space after it: kept.
    expect(withoutOpener('Under pågående utredning: ny anmälan beaktas', sv)).toBe(
      'Under pågående utredning: ny anmälan beaktas',
    );
    expect(withoutOpener('Efter utredning: inleds', sv)).toBe('Efter utredning: inleds');
    expect(withoutOpener('Efter 11:1 inleds utredning', sv)).toBe('Efter 11:1 inleds utredning');
  });

  it.skipIf(!haveDevSet)('leaves what follows to decide, whose problem too', () => {
    tops(devReasons(), {
      'Sedan pappa dog: 14-åringen har panikattacker varje dag': 'B10',
      'Efter skilsmässan: mamman nyper och drar barnet i håret': 'H02',
    });
  });
});

describe('how often, between a verb of violence and the one it hurts', () => {
  it('keeps the one hurt the verb’s (`slår alltid mamman`)', () => {
    const r = read('Den unge slår alltid mamman när han inte får som han vill');
    expect([r.owner, r.otherVictim, r.caregiverVictim]).toEqual(['child', true, true]);
  });

  it.skipIf(!haveDevSet)('is the child’s own violence', () => {
    tops(devReasons(), { 'Den unge slår alltid mamman när han inte får som han vill': 'B13' });
  });
});

describe('a word the decisions of many categories have, whose stem the codebook has', () => {
  it.skipIf(!haveDevSet)(
    'is no frame word: `skolan` is school, however many categories say it',
    () => {
      const known = new Map(
        [
          ['Skolan uppger att pappa dricker', 'H07'],
          ['Skolan uppger att mamma slår barnet', 'H02'],
          ['Slår kamrater på skolan', 'B13'],
          ['Skolan oroar sig för barnets psykiska mående', 'B10'],
        ].map(([raw, code]) => [
          raw as string,
          { code: code as string, status: 'approved' as const },
        ]),
      );
      tops(devReasons(), { 'eleven gar inte skolan till': 'B15' }, known);
    },
  );
});

describe('violence that names who was hurt, and a place', () => {
  it.skipIf(!haveDevSet)('is the violence, not the place (`violenceUnmatched`)', () => {
    tops(devReasons(), {
      'Slår personal på skolan': 'B13',
      'Barnet slår och sparkar personal i skolan': 'B13',
      'Polisen: 15-åring misstänkt för rån mot annan ungdom': 'B12',
      // A threat that hurts no one named is no violence against anyone.
      'Vräkning hotar familjen': 'O19',
    });
  });
});

describe('a child’s possessive after a caregiver named (`Förälder med …, barnets behov`)', () => {
  it('says whose needs, not whose problem', () => {
    const r = read(
      'Förälder med intellektuell funktionsnedsättning, svårt att förstå barnets behov',
    );
    expect([r.owner, r.ownerStated]).toEqual(['caregiver', true]);
  });

  it.skipIf(!haveDevSet)('is the caregiver’s category', () => {
    tops(devReasons(), {
      'Förälder med intellektuell funktionsnedsättning, svårt att förstå barnets behov': 'H08',
      'Mamma med intellektuell funktionsnedsättning, svårt att tillgodose barnets behov': 'H08',
      // The child named first is still the child's.
      'Barnets autism, föräldrarna behöver stöd': 'B16',
    });
  });
});
