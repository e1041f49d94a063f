// Stop 28, from round 18's misses after its sealed measurement: a spreadsheet's dates (`01-mar`,
// `dec-17`) and a military date-time group first (`022055 nov`) were read as words (`mar` as
// `mår`); a Mac's dead diaeresis key typed `sk¨ar` for `skär`; `saknas` (is lacking) was read as a
// slip of `saknad` (missing, of a child who ran away); a tail on the feedback to the reporter
// (`– återkoppl. ej begärd`) negated the action; and a few words of the field were not known
// (`ostädat`, `kylskåpet`, `tabletter`, `fyllefester`, `bälte`, `kastade`, `öppenvård`). Each test
// failed before its change.
import { describe, it } from 'vitest';
import { haveDevSet } from './golden';
import { devActions, devReasons, tops } from './tops';

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
