// Stop 28, from round 18's misses after its sealed measurement: a spreadsheet's dates (`01-mar`,
// `dec-17`) and a military date-time group first (`022055 nov`) were read as words (`mar` as
// `mår`); a Mac's dead diaeresis key typed `sk¨ar` for `skär`; `saknas` (is lacking) was read as a
// slip of `saknad` (missing, of a child who ran away); a tail on the feedback to the reporter
// (`– återkoppl. ej begärd`) negated the action; and a few words of the field were not known
// (`ostädat`, `kylskåpet`, `tabletter`, `fyllefester`, `bälte`, `kastade`, `öppenvård`). Each test
// failed before its change.
import { describe, expect, it } from 'vitest';
import { withoutDates } from '../../../src/core/suggest/features';
import {
  compileLanguage,
  defaultLanguage,
  neutralLanguage,
} from '../../../src/core/suggest/language';
import { normaliseValue } from '../../../src/core/suggest/normalise';
import { haveDevSet } from './golden';
import { devActions, devReasons, tops } from './tops';

const sv = compileLanguage(defaultLanguage);

describe('dates a spreadsheet or a military stamp put in a value (word class `months`)', () => {
  it('are left out: a day and a month, a month and a year, a date-time group first', () => {
    expect(withoutDates('snatteri 01-mar', sv)).toBe('snatteri');
    expect(withoutDates('hot om giftermål, dec-17', sv)).toBe('hot om giftermål');
    expect(withoutDates('03-maj vårdnadshavaren ger ingen mat', sv)).toBe(
      'vårdnadshavaren ger ingen mat',
    );
    expect(withoutDates('022055 nov – föräldrarna sover på dagarna', sv)).toBe(
      'föräldrarna sover på dagarna',
    );
    expect(withoutDates('112320Z JUL 24: erbjuds stöd', sv)).toBe('erbjuds stöd');
  });

  it('leaves words that are no months, and a value that is only a date', () => {
    expect(withoutDates('B-12 pojken 12-års', sv)).toBe('B-12 pojken 12-års');
    expect(withoutDates('mat-17 och 01-mat', sv)).toBe('mat-17 och 01-mat');
    expect(withoutDates('01-mar', sv)).toBe('01-mar');
    expect(withoutDates('123456 gånger: slår barnet', sv)).toBe('123456 gånger: slår barnet');
    // A profile that names no months leaves dates alone.
    expect(withoutDates('snatteri 01-mar', compileLanguage(neutralLanguage))).toBe(
      'snatteri 01-mar',
    );
  });

  it.skipIf(!haveDevSet)('leaves the category to the words', () => {
    tops(devReasons(), {
      'stöld i butik 14-mar': 'B12',
      'styvpappan misshandlar mamma, okt-24': 'H04',
      '090815 mar rymt från boendet i natt': 'O21',
    });
  });
});

describe("a Mac's dead diaeresis key", () => {
  it('puts the diaeresis on the vowel after it (rule `garbled`)', () => {
    expect(normaliseValue('Tova sk¨ar sig')).toBe('tova skär sig');
    expect(normaliseValue('f¨or¨aldrarna br¨akar')).toBe('föräldrarna bräkar');
  });

  it.skipIf(!haveDevSet)('reads the words it spelt', () => {
    tops(devReasons(), {
      'Tova sk¨ar sig i benen': 'B10',
      'umg¨angessabotage fr¨an pappan': 'H06',
    });
  });
});

describe('a verb that negates, `saknas`', () => {
  it.skipIf(!haveDevSet)('is no slip of `saknad` (a missing child)', () => {
    tops(devReasons(), {
      'Övrigt, uppgifter saknas': 'O22',
      'Misshandel av barn (saknas i listan)': 'H02',
      'Missbruk, pojken själv – samtycke saknas': 'B11',
    });
  });

  it.skipIf(!haveDevSet)('still says a child is missing when it says since when', () => {
    tops(devReasons(), { 'Flickan saknas sedan i lördags': 'O21' });
  });
});

describe('a tail on the feedback to the reporter (word class `pointers`)', () => {
  it.skipIf(!haveDevSet)('says nothing of the action', () => {
    tops(devActions(), {
      'Utredning inleds – återkoppl. ej begärd': 'UTR1',
      'Inledd utredning – återkoppling till anmälaren ej aktuell': 'UTR1',
      'Ingen utredning – återkopplat till skolan': 'EJU1',
    });
  });
});

describe('words of the field', () => {
  it.skipIf(!haveDevSet)('name the neglect, the misuse and the violence they are', () => {
    tops(devReasons(), {
      'Hemmet ostädat, barnen sover på golvet': 'H01',
      'kylskåpet tomt igen': 'H01',
      'Pappan tar för mycket tabletter': 'H07',
      'Fyllefester hos mamma varje fredag': 'H07',
      'märken efter bälte på låret': 'H02',
      'mamman kastade en tallrik på barnet': 'H02',
    });
  });

  it.skipIf(!haveDevSet)('name outpatient care as support without a decision', () => {
    tops(devActions(), {
      'Erbjuds öppenvård': 'EJU2',
      'Stöd via öppna verksamheten': 'EJU2',
    });
  });

  it.skipIf(!haveDevSet)('leave a child who throws things to the child', () => {
    tops(devReasons(), { 'Pojken kastar saker i klassrummet': 'B14' });
  });
});
