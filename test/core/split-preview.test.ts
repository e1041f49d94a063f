import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoColumn, generateDemo } from '../../src/core/demo/generate';
import { compileSplitter } from '../../src/core/split';
import { previewSplit, proposeSplit, toggleProtect } from '../../src/core/split-preview';

const cells = (entries: [string, number][]) => new Map(entries);

// The researcher sets the split of a variable with a live preview: what it does to the cells,
// and where it would cut a value that also occurs whole.

describe('proposing separators', () => {
  it('proposes a separator the files show joining values, and not one that is part of a value', () => {
    const { config, separators } = proposeSplit(
      cells([
        ['Misshandel', 40],
        ['Skolproblem', 30],
        ['Misshandel;Skolproblem', 5],
        ['Ingen utredning, hänvisning eller stöd', 12],
        ['Missbruk BoU – Barnet/den unge', 9],
      ]),
    );
    expect(config.separators).toEqual([';']);
    expect(separators.find((s) => s.separator === ',')).toMatchObject({
      cells: 1,
      rows: 12,
      proposed: false,
    });
    expect(separators.find((s) => s.separator === ' – ')).toMatchObject({
      rows: 9,
      proposed: false,
    });
  });

  it('keeps the split a variable already has in the project', () => {
    const current = { separators: [' – ', ';'], protect: ['Missbruk BoU – Barnet/den unge'] };
    const { config } = proposeSplit(cells([['a', 1]]), current);
    expect(config.separators).toEqual([';', ' – ']);
    expect(config.protect).toEqual(current.protect);
  });
});

describe('previewing a split', () => {
  const demoCells = cells([
    ['Misshandel', 40],
    ['Skolproblem', 30],
    ['Misshandel;Skolproblem', 5],
    ['Misshandel – Skolproblem', 2],
    ['Missbruk BoU – Barnet/den unge', 9],
    ['Missbruk BoU – Barnet/den unge; Skolproblem', 3],
    ['  ', 4],
    [';', 1],
  ]);

  it('counts cells → distinct cells → single values, and shows the most common splits', () => {
    const p = previewSplit(demoCells, { separators: [';', ' – '] });
    expect(p).toMatchObject({
      rows: 89,
      distinctCells: 6,
      singleValues: 4, // Misshandel, Skolproblem, Missbruk BoU, Barnet/den unge
      multiCells: 4,
      multiRows: 19,
      emptyCells: 1,
      emptyRows: 1,
    });
    expect(p.topSplits[0]).toEqual({
      cell: 'Missbruk BoU – Barnet/den unge',
      rows: 9,
      atoms: ['Missbruk BoU', 'Barnet/den unge'],
    });
  });

  it('warns where a separator cuts a value that also occurs whole, and not where it joins two values', () => {
    const p = previewSplit(demoCells, { separators: [';', ' – '] });
    expect(p.cuts.map((c) => c.value)).toEqual(['Missbruk BoU – Barnet/den unge']);
    expect(p.cuts[0]).toMatchObject({
      wholeRows: 9,
      cutRows: 12,
      pieces: ['Missbruk BoU', 'Barnet/den unge'],
    });
    expect(p.cuts[0]?.examples.map((e) => e.cell)).toEqual([
      'Missbruk BoU – Barnet/den unge',
      'Missbruk BoU – Barnet/den unge; Skolproblem',
    ]);
  });

  it('keeps a protected value whole: the warning goes and the value is one value', () => {
    const config = toggleProtect(
      { separators: [';', ' – '] },
      'Missbruk BoU – Barnet/den unge',
      true,
    );
    const p = previewSplit(demoCells, config);
    expect(p.cuts).toEqual([]);
    expect(p.singleValues).toBe(3);
    expect(toggleProtect(config, 'Missbruk BoU – Barnet/den unge', false).protect).toEqual([]);
  });

  it('finds exactly the demo’s one-value reasons with a dash, and protecting them gives its 1 300 reasons', () => {
    const data = generateDemo();
    const counts = new Map<string, number>();
    for (const c of demoColumn(data, 'aktualiseringsorsak'))
      counts.set(c, (counts.get(c) ?? 0) + 1);
    const proposal = proposeSplit(counts);
    expect(proposal.config.separators).toEqual([';', ',']);
    const all = { separators: [';', ',', ' – '] };
    const p = previewSplit(counts, all, { splits: 20, cuts: 1000, examples: 3 });
    const protect = data.split.get('aktualiseringsorsak')?.protect ?? [];
    expect(new Set(p.cuts.map((c) => c.value))).toEqual(new Set(protect));
    expect(previewSplit(counts, { ...all, protect }).singleValues).toBe(1300);
  });

  it('property: single values are the splitter’s atoms, and every cut value is a whole cell', () => {
    const word = fc.constantFrom('a', 'b', 'c d', 'e – f', ' g ');
    const cell = fc
      .array(word, { minLength: 1, maxLength: 4 })
      .chain((ws) => fc.constantFrom(';', ' – ', ',').map((sep) => ws.join(sep)));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, fc.integer({ min: 1, max: 9 })), { maxLength: 30 }),
        (list) => {
          const input = new Map(list);
          const config = { separators: [';', ' – '] };
          const p = previewSplit(input, config);
          const split = compileSplitter(config);
          const atoms = new Set([...input.keys()].flatMap((c) => split(c)));
          expect(p.singleValues).toBe(atoms.size);
          const whole = new Set([...input.keys()].map((c) => c.trim()));
          for (const c of p.cuts) expect(whole.has(c.value)).toBe(true);
        },
      ),
    );
  });
});
