// Stop 26, from round 12's misses after its sealed measurement: a duty worker's note of who they
// tried to reach, as a sentence of its own before the matter (`Sökt mamman två gånger, ej svar.
// Pojken har rymt`), lent the value its persons and its negation; and a mobile app's sync stamp in
// brackets (`[offline – synkad 07:42]`) was read as words (`synkad` one slip from `synskad`). Each
// test failed before its change. Then, from the largest group of reason misses over every labelled
// set (a parent's misuse read as the child's): `far` is a father (`Missbruk hos far`) but in `far
// illa`, and `får` is no longer read as `far`; and from the second largest (violence between the
// adults read as violence against the child): the children said to be there; and parents who seek
// or need help for the child (`söker`, `behöver`) are not whose problem it is. Last, from round 13's
// misses after its sealed measurement: text in encodings and styles the garbled-text rule did not
// read (Swedish in 7 bits, an e-mail's quoted-printable, a phone's bold letters, full-width signs).
import { describe, expect, it } from 'vitest';
import {
  analyseValue,
  withoutBareSentences,
  withoutTimeStamps,
} from '../../../src/core/suggest/features';
import { normaliseValue } from '../../../src/core/suggest/normalise';
import { defaultProfile } from '../../../src/core/suggest/profile';
import { compileTerms } from '../../../src/core/suggest/terms';
import { haveDevSet } from './golden';
import { devActions, devReasons, tops } from './tops';

const terms = compileTerms(defaultProfile.vocabulary);
const read = (value: string) =>
  analyseValue(normaliseValue(value, defaultProfile.normalise), terms);

describe('a bracketed note with a time of day', () => {
  it('is a stamp, not what the value says', () => {
    expect(withoutTimeStamps('Barnet rymmer [offline – synkad 07:42]')).toBe('Barnet rymmer');
    expect(withoutTimeStamps('Inbjudan: uppföljning (ons 09.30)')).toBe('Inbjudan: uppföljning');
    expect(withoutTimeStamps('[00:03:10] pappa slår')).toBe('pappa slår');
  });

  it('is kept when it is all there is, or holds no time of day', () => {
    expect(withoutTimeStamps('[synkad 07:42]')).toBe('[synkad 07:42]');
    expect(withoutTimeStamps('Missbruk (avser far)')).toBe('Missbruk (avser far)');
    expect(withoutTimeStamps('Utredning enl. 11:1 (LVU 2 §)')).toBe(
      'Utredning enl. 11:1 (LVU 2 §)',
    );
    expect(withoutTimeStamps('Våld (2024)')).toBe('Våld (2024)');
  });

  it.skipIf(!haveDevSet)('leaves the category to the words before it', () => {
    tops(devReasons(), {
      'Pojken skadar sig själv [offline – synkad 21:05]': 'B10',
      'Konflikt mellan föräldrarna [offline – synkad 06:40]': 'H06',
    });
  });
});

describe('a sentence that names nothing of the matter', () => {
  const bare = (s: string) => s.startsWith('Sökt');
  it('is left out when another sentence is kept', () => {
    expect(withoutBareSentences('Sökt mamman, ej svar. Pojken har rymt.', bare)).toBe(
      'Pojken har rymt.',
    );
    expect(withoutBareSentences('Sökt mamman, ej svar.', bare)).toBe('Sökt mamman, ej svar.');
  });

  it('ends at a full stop before a capitalised word only (not a question, not capitals)', () => {
    const all = () => true;
    expect(
      withoutBareSentences('Sökt VH. Ska utredning inledas? Nej', (s) => s === 'Sökt VH.'),
    ).toBe('Ska utredning inledas? Nej');
    expect(withoutBareSentences('ANTECKNAS I PÅG. UTREDNING', all)).toBe(
      'ANTECKNAS I PÅG. UTREDNING',
    );
    expect(withoutBareSentences('Missbruk enl. uppgift', all)).toBe('Missbruk enl. uppgift');
  });

  it.skipIf(!haveDevSet)('lends the value neither its persons nor its negation', () => {
    tops(devReasons(), {
      'Ringt pappan två gånger utan svar. Flickan skär sig i armarna.': 'B10',
      'Ej nått mamman. Pojken, 14, gripen för stöld i butik.': 'B12',
      'Välj ett objekt. Skolproblematik': 'B15',
    });
    tops(devActions(), {
      'Ej nått fadern. Beslut att inleda utredning.': 'UTR1',
      'Sökt VH utan resultat. Utredning inleds idag.': 'UTR1',
      'ANTECKNAS I PÅG. UTREDNING': 'UTR2',
      'Ska utredning inledas? Nej': 'EJU1',
    });
  });
});

describe('`far`, `fdr`, `pater`', () => {
  it('is the father who owns the problem, but not in `far illa` or as `får`', () => {
    for (const value of ['Narkotikamissbruk hos far', 'Mor och far dricker', 'Missbruk fdr'])
      expect([value, read(value).owner]).toEqual([value, 'caregiver']);
    expect(read('Barnet far illa i skolan').owner).toBe('child');
    expect(read('Pojken slår sin mamma när han inte får som han vill').owner).toBe('child');
  });

  it.skipIf(!haveDevSet)('gives the parent’s category', () => {
    tops(devReasons(), {
      'Narkotikamissbruk hos far': 'H07',
      'Missbruk fdr': 'H07',
      'Abusus alcoholi, pater': 'H07',
      'Vehå dricker dagligen': 'H07',
      'Pojken slår sin mamma när han inte får som han vill': 'B13',
    });
  });
});

describe('the children said to be there (`barnen hemma`, `framför barnen`)', () => {
  it.skipIf(!haveDevSet)('makes violence between the adults what they witnessed', () => {
    tops(devReasons(), {
      'Misshandel av mamma, barnen hemma': 'H04',
      'Han slog henne när barnen var hemma': 'H04',
    });
  });

  it.skipIf(!haveDevSet)('leaves violence against the child, at home, the child’s', () => {
    tops(devReasons(), { 'Pappa slår barnet hemma': 'H02' });
  });
});

describe('`henne`/`honom` after violence, with an adult named as hurt or telling before', () => {
  it('points back to that adult when the sex agrees, not to the child', () => {
    const back = read('Sonen slår sin mamma och har hotat henne med kniv');
    expect([back.childVictim, back.caregiverVictim]).toEqual([false, true]);
    const teller = read('Mamma har berättat att pappa slår henne');
    expect([teller.childVictim, teller.caregiverVictim]).toEqual([false, true]);
  });

  it('is the child when no such adult is named before', () => {
    expect(read('Mamma slår henne').childVictim).toBe(true);
    expect(read('Flickans pappa slår henne').childVictim).toBe(true);
    expect(read('Pappa slår mamma och hotar honom').childVictim).toBe(true);
  });
});

describe('`av` after a noun of violence', () => {
  it('names a classmate or friend as the one hurt; after a participle, the doer', () => {
    expect(read('Misshandel av klasskamrat').otherVictim).toBe(true);
    expect(read('Misshandel av en kompis på skolgården').otherVictim).toBe(true);
    const hurt = read('Barnet misshandlat av kompis');
    expect([hurt.childVictim, hurt.otherVictim]).toEqual([true, false]);
  });
});

describe('parents who seek or need help for the child (`söker`, `behöver`)', () => {
  it.skipIf(!haveDevSet)('leave the problem the child’s; help for their own, theirs', () => {
    tops(devReasons(), {
      'Föräldrarna behöver avlastning, barnet har autism': 'B16',
      'Föräldrar söker stöd, sonen har ADHD': 'B16',
      'Mamma behöver hjälp med sitt missbruk': 'H07',
      'Mamma söker hjälp för sin depression': 'H08',
    });
  });
});

describe('text as other systems wrote it (normalisation, the rule `garbled` and NFKC forms)', () => {
  const norm = (v: string) => normaliseValue(v, defaultProfile.normalise);

  it('reads Swedish in 7 bits (SEN 850200) in a value with no å, ä or ö', () => {
    expect(norm('Skadligt bruk och beroende hos f|r{lder')).toBe(
      'skadligt bruk och beroende hos förälder',
    );
    expect(norm('P}f|rs p}g}ende utredning')).toBe('påförs pågående utredning');
    expect(norm('\\verl{mnat till hemkommunen')).toBe('överlämnat till hemkommunen');
  });

  it('leaves separators and keys that only look like it', () => {
    expect(norm('Område: X | Gäller: Y')).toBe('område x gäller y');
    expect(norm('Utredning inleds inte|e2b8d0f4')).toBe('utredning inleds inte e2b8d0f4');
    expect(norm('RSN|1|^Bristande omsorg^LOKAL')).toBe('rsn 1 bristande omsorg lokal');
    expect(norm('Mamma {dricker}')).toBe('mamma dricker');
  });

  it('decodes an e-mail’s quoted-printable UTF-8 and its soft line breaks', () => {
    expect(norm('Missbruk hos f=C3=B6r=C3=A4ldrar')).toBe('missbruk hos föräldrar');
    expect(norm('Vistelse p=C3=A5 demen=sboendet')).toBe('vistelse på demensboendet');
    expect(norm('kvot =3D 2')).toBe('kvot 3d 2');
  });

  it('reads a phone’s bold and italic letters and full-width signs as plain ones', () => {
    expect(norm('𝗔𝗹𝗸𝗼𝗵𝗼𝗹𝗺𝗶𝘀𝘀𝗯𝗿𝘂𝗸 hos mamman')).toBe('alkoholmissbruk hos mamman');
    expect(norm('𝗙ö𝗿𝘀𝘂𝗺𝗺𝗲𝗹𝘀𝗲 – 𝘦𝘫 utredning')).toBe('försummelse ej utredning');
    expect(norm('Barnet avvek（tredje gången）：polis')).toBe('barnet avvek tredje gången polis');
  });

  it('changes nothing when applied again', () => {
    for (const v of ['f|r{lder', 'f=C3=B6r', '𝗔𝗹𝗸𝗼𝗵𝗼𝗹', 'a|b {c} d'])
      expect(norm(norm(v))).toBe(norm(v));
  });
});
