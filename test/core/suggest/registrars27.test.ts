// Stop 27, from round 15's misses after its sealed measurement: a registrar's stamp or note set off
// by a dash, a bullet, a bar or square brackets (`Handb. kap 1.1 – …`, `… – pers. Erik`, `… [mall
// v2.2]`) was read with the matter and outweighed it; the counterfactual (`Hade inte anmält om inte
// pappan …`) was read as negated; a terminal's escape codes for bold (`^[[1m…^[[0m`) hid a value's
// first word; and a few words of the field were not known (`kvävde`, `överdos`, `Xanor`,
// `ofräscht`). Each test failed before its change.
import { describe, expect, it } from 'vitest';
import { withNegationsRead, withoutBareSegments } from '../../../src/core/suggest/features';
import { compileLanguage, defaultLanguage } from '../../../src/core/suggest/language';
import { normaliseValue } from '../../../src/core/suggest/normalise';
import { haveDevSet } from './golden';
import { devActions, devReasons, tops } from './tops';

const sv = compileLanguage(defaultLanguage);

describe('a part set off by a dash, a bullet, a bar or square brackets', () => {
  const bare = (part: string) => /^(Handb|pers|mall|Viva|i går)/u.test(part);

  it('is left out when it says nothing and another part does', () => {
    expect(withoutBareSegments('Handb. kap 1.1 – ingen hämtar på förskolan', bare)).toBe(
      'ingen hämtar på förskolan',
    );
    expect(withoutBareSegments('bråkar med alla vuxna – pers. Erik', bare)).toBe(
      'bråkar med alla vuxna',
    );
    expect(withoutBareSegments('köper tabletter [mall v2.2] via appar', bare)).toBe(
      'köper tabletter via appar',
    );
    expect(withoutBareSegments('Viva • i går • Barnet får inte sin medicin', bare)).toBe(
      'Barnet får inte sin medicin',
    );
  });

  it('keeps the signs between the parts it keeps, and the value when all parts are bare', () => {
    expect(withoutBareSegments('Missbruk – mamman | pers. Erik', bare)).toBe('Missbruk – mamman');
    expect(withoutBareSegments('Utredning [ej klar] inleds', bare)).toBe(
      'Utredning [ej klar] inleds',
    );
    expect(withoutBareSegments('pers. Erik – mall 3', bare)).toBe('pers. Erik – mall 3');
    // Not a hyphen inside a word, a comma or round brackets.
    expect(withoutBareSegments('e-tjänst, pers. Erik (mall)', () => true)).toBe(
      'e-tjänst, pers. Erik (mall)',
    );
  });

  it.skipIf(!haveDevSet)('leaves the category to the part that names it', () => {
    tops(devReasons(), {
      'Handb. kap 2.4 – ingen hämtar barnet på förskolan': 'H01',
      'barnet kallas värdelös och hotas dagligen – pers. Tore': 'H02',
      'Ärende #1182 [Väntar] – ingen vuxen hämtar på fritids': 'H01',
    });
  });

  it.skipIf(!haveDevSet)('keeps a part that names a person, a negation or a category', () => {
    tops(devReasons(), {
      'Missbruk – mamman': 'H07',
      'Konflikt – barnet och pappan': 'H06',
      'Hedersförtryck – tel. från skolkuratorn': 'H05',
    });
    tops(devActions(), {
      'Utredning – nej': 'EJU1',
      'Inleda utredning – nej': 'EJU1',
      'Lämna över till hemkommunen – familjen har flyttat': 'EJU3',
    });
  });
});

describe('the counterfactual (`Hade inte anmält om inte …`)', () => {
  it('reads what follows the condition as said', () => {
    expect(withNegationsRead('Hade inte anmält om inte pappan druckit', sv)).toBe('pappan druckit');
    expect(withNegationsRead('Skulle inte ha ringt om inte flickan rymt igen', sv)).toBe(
      'flickan rymt igen',
    );
    expect(withNegationsRead('Hade inte varit aktuellt om besöken inte uteblivit', sv)).toBe(
      'besöken uteblivit',
    );
  });

  it('leaves a condition that is no counterfactual as it is', () => {
    for (const text of [
      'Utredning inleds inte om mamman tar emot stöd',
      'Inte aktuellt. Om inte föräldrarna samtycker, LVU',
      'Mamman dricker inte, om inte pappan är borta',
    ])
      expect(withNegationsRead(text, sv)).toBe(text);
  });

  it.skipIf(!haveDevSet)('gives the category of what did happen', () => {
    tops(devReasons(), {
      'Hade inte anmält om inte pappan lagts in på psykakuten': 'H08',
      'Skulle inte ha kommit in om inte mamman själv sökt hjälp för sin ångest': 'H08',
    });
  });
});

describe('a terminal’s escape codes (`^[[1m…^[[0m`)', () => {
  it('are left out by the rule `garbled`, as the escape or in caret notation', () => {
    expect(normaliseValue('^[[1mNedstämd 15-åring^[[0m')).toBe('nedstämd 15 åring');
    expect(normaliseValue('\u001b[1;31mMamman suicidhotar\u001b[0m')).toBe('mamman suicidhotar');
    expect(normaliseValue('Utredning [1m]')).toBe('utredning 1m');
  });

  it.skipIf(!haveDevSet)('no longer hide the person first in the value', () => {
    tops(devReasons(), {
      '^[[1mPappa har svår depression och ligger till sängs^[[0m': 'H08',
      '^[[1mNedstämd 15-åring^[[0m': 'B10',
    });
  });
});

describe('words of the field not known before', () => {
  it.skipIf(!haveDevSet)('are read as their concepts', () => {
    tops(devReasons(), {
      'Barnen hörde när pappa kvävde mamma': 'H04',
      '16-åringen har tagit en överdos': 'B10',
      'Dottern köper Xanor via appar': 'B11',
      'Barnet kommer ofräscht till förskolan': 'H01',
    });
  });
});

// From round 16's misses after its sealed measurement: a former field worker's street Swedish
// (`farsan`, `ungen`, `tjafs`, `kåken`, `para`) and a phonetic speller's `mama`, `papan`.
describe('colloquial Swedish for persons and problems', () => {
  it.skipIf(!haveDevSet)('is read as the persons and concepts it names', () => {
    tops(devReasons(), {
      'Farsan drämmer till ungen när han blir arg': 'H02',
      'Morsan är påtänd jämt': 'H07',
      'Ständigt tjafs mellan grabben och farsan': 'H06',
      'Styvfarsan sitter på kåken': 'H09',
      'Noll para hemma, hyran obetald': 'O19',
      'Tjejen skickar nudes till äldre killar': 'B17',
      'Ungarna lämnas ensamma, sopor överallt': 'H01',
      'papan dricker varje kväll': 'H07',
      'mama har svår depression': 'H08',
    });
  });

  it.skipIf(!haveDevSet)('leaves the children named in passing not whose problem it is', () => {
    tops(devReasons(), { 'Morsan super å ungarna får klara sej själva': 'H07' });
  });
});

// From round 17's misses after its sealed measurement: a keyboard that switches to a Cyrillic
// layout by itself types look-alike letters into Latin words (`cаnnаbіs`, `Pарра`, `ЕКВ`).
describe('Cyrillic letters that look Latin', () => {
  it('are read as the Latin letters by the rule `garbled`, in Latin words only', () => {
    expect(normaliseValue('Ungdomen röker c\u0430nn\u0430b\u0456s')).toBe(
      'ungdomen röker cannabis',
    );
    expect(normaliseValue('P\u0430\u0440\u0440\u0430 häkt\u0430d')).toBe('pappa häktad');
    // A value all of look-alikes is Latin too; Russian with letters of its own is not.
    expect(normaliseValue('\u0415\u041a\u0412')).toBe('ensamkommande barn');
    expect(normaliseValue('дом и семья')).toBe('дом и семья');
    expect(normaliseValue('Mamma дом')).toBe('mamma дом');
  });

  it.skipIf(!haveDevSet)('no longer hide the words they spell', () => {
    tops(devReasons(), {
      'Ungdomen röker c\u0430nn\u0430b\u0456s': 'B11',
      'P\u0430\u0440\u0440\u0430 häkt\u0430d': 'H09',
      'alkoholmissbruk hos v\u00e5rdn\u0430dsh\u0430v\u0430r\u0435': 'H07',
    });
    tops(devActions(), { 'Nej, \u0456ng\u0435n utredning': 'EJU1' });
  });
});

// From round 17's misses: a fast typist's neighbouring letters swapped in a short word.
describe('two neighbouring letters swapped in a word of five', () => {
  it.skipIf(!haveDevSet)('is the listed word, as a longer word’s slip is', () => {
    tops(devReasons(), {
      'farsan spuer varje helg': 'H07',
      'mamman kallar dottern hora och hoatr att kasta ut henne': 'H02',
    });
  });
});
