import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSplitter, splitCell } from '../../src/core/split';

describe('splitCell', () => {
  it('keeps a cell exactly when the variable is not split', () => {
    expect(splitCell('  x  ', { separators: [] })).toEqual(['  x  ']);
    expect(splitCell('a;b', { separators: [] })).toEqual(['a;b']);
  });

  it('treats an empty or blank cell as no value', () => {
    expect(splitCell('', { separators: [';'] })).toEqual([]);
    expect(splitCell('   ', { separators: [] })).toEqual([]);
    expect(splitCell(' ; ;', { separators: [';'] })).toEqual([]);
  });

  it('splits on every separator and trims each atom', () => {
    expect(
      splitCell('Missbruk förälder; Bristande omsorg , Skolproblem', { separators: [';', ','] }),
    ).toEqual(['Missbruk förälder', 'Bristande omsorg', 'Skolproblem']);
  });

  it('keeps a protected value whole although it contains a separator', () => {
    const config = { separators: [' – ', ';'], protect: ['Missbruk BoU – Barnet/den unge'] };
    expect(splitCell('Missbruk BoU – Barnet/den unge', config)).toEqual([
      'Missbruk BoU – Barnet/den unge',
    ]);
    expect(splitCell('Våld – Missbruk BoU – Barnet/den unge; Skola', config)).toEqual([
      'Våld',
      'Missbruk BoU – Barnet/den unge',
      'Skola',
    ]);
  });

  it('prefers the longer separator', () => {
    expect(splitCell('a – b', { separators: ['–', ' – '] })).toEqual(['a', 'b']);
  });

  it('never changes the text of an atom beyond trimming (property)', () => {
    const split = compileSplitter({ separators: [';', ','] });
    fc.assert(
      fc.property(
        fc.array(fc.string().filter((s) => !/[;,]/.test(s) && s.trim() !== '')),
        (atoms) => {
          expect(split(atoms.join(';'))).toEqual(atoms.map((a) => a.trim()));
        },
      ),
    );
  });
});
