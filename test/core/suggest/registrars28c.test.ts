// Stop 28, from round 21's misses after its sealed measurement: a table copied back out of a LaTeX
// source (`v\aa{}rdnadshavare`, `F\"or\"alders`, `\emph{…}`, `\\`), a developer's identifier
// (`tagenFörKlotterAvPolisen`), and a paste whose Ctrl was missed (`vingen utredning`). Each test
// failed before its change.
import { describe, expect, it } from 'vitest';
import { normaliseValue } from '../../../src/core/suggest/normalise';
import { haveDevSet } from './golden';
import { devReasons, tops } from './tops';

describe('Swedish letters and commands as TeX writes them (rule `garbled`)', () => {
  it('are the letters and the words', () => {
    expect(normaliseValue('Missbruk hos v\\aa{}rdnadshavare \\\\')).toBe(
      'missbruk hos vårdnadshavare',
    );
    expect(normaliseValue('F\\"or\\"alders kriminalitet')).toBe('förälders kriminalitet');
    expect(normaliseValue('P{\\aa}f{\\"o}res p{\\aa}g{\\aa}ende')).toBe('påföres pågående');
    expect(normaliseValue('\\emph{snattat} p{\\aa} ICA, {\\AA}ngest')).toBe(
      'snattat på ica ångest',
    );
  });

  it('leave a path and a quotation escaped as JSON escapes it', () => {
    expect(normaliseValue('C:\\temp\\aa.txt')).toBe('c temp aa txt');
    expect(normaliseValue('Mamma sa \\"Utredning\\" igen')).toBe('mamma sa utredning igen');
  });

  it.skipIf(!haveDevSet)('give the suggestion the letters mean', () => {
    tops(devReasons(), {
      'Psykisk oh\\"alsa hos v\\aa{}rdnadshavare \\\\': 'H08',
      'pappa avtj{\\"a}nar f{\\"a}ngelsestraff \\\\': 'H09',
    });
  });
});

describe("a developer's identifier of three words or more (rule `garbled`)", () => {
  it('is its words', () => {
    expect(normaliseValue('tagenFörKlotterAvPolisen')).toBe('tagen för klotter av polisen');
    expect(normaliseValue('VHBerusadHemmaMedBarnen')).toBe(
      'vårdnadshavare berusad hemma med barnen',
    );
  });

  it('leaves a name or a brand with one capital inside', () => {
    expect(normaliseValue('iPhone McDonald')).toBe('iphone mcdonald');
  });
});
