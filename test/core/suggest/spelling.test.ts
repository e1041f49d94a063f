import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/core/suggest/engine';
import { WordList } from '../../../src/core/suggest/spelling';
import { resolve } from 'node:path';
import { codebookAt, DEV_SET } from './golden';

describe('WordList', () => {
  const list = new WordList<string>(
    [
      ['ensamt', 'omsorgsbrist'],
      ['ensamkommande', 'ensamkommande'],
      ['ensamkom', 'ensamkommande'],
      ['utreds', 'utredning inleds'],
      ['utredning', 'utredning'],
      ['utredningen', 'utredning inleds'],
      ['missbruk', 'missbruk'],
      ['missbruket', 'missbruk'],
    ],
    6,
  );

  it('finds a word as listed, folded, or with one slip', () => {
    expect(list.find('missbruk')).toBe('missbruk');
    expect(list.find('misbruk')).toBe('missbruk');
    expect(list.find('missbrukk')).toBe('missbruk');
  });

  it('reads a word that begins a longer form of something else as that form cut short', () => {
    // One letter from `ensamt` (alone, neglect), but the beginning of `ensamkommande`.
    expect(list.find('ensamk')).toBe('ensamkommande');
    // One letter from `utreds`, but the beginning of `utredning` (the shortest form it begins).
    expect(list.find('utredn')).toBe('utredning');
    // A slip whose word begins only forms of the same thing stays that thing.
    expect(list.find('missbruke')).toBe('missbruk');
  });

  it('reads a word written without å, ä and ö as the form with them, but never the other way', () => {
    const persons = new WordList<string>(
      [
        ['far', 'caregiver'],
        ['förälder', 'caregiver'],
      ],
      6,
    );
    expect(persons.find('foralder')).toBe('caregiver');
    expect(persons.find('foeraelder')).toBe('caregiver');
    expect(persons.find('föralder')).toBe('caregiver');
    expect(persons.find('far')).toBe('caregiver');
    // `får` (gets) is not `far` (father) with its ring lost: it has its ring.
    expect(persons.find('får')).toBeUndefined();
  });
});

describe('a word cut short in a value', () => {
  it('is not read as a slip of another concept (`Ensamk. barn` is no neglect)', () => {
    const engine = createEngine({
      codebook: codebookAt(resolve(DEV_SET, 'orsak_codebook.json')),
      known: new Map(),
    });
    const [top] = engine.suggest('Ensamk. barn 16 år', 1);
    expect(top?.code).toBe('O18');
  });
});

describe('a person word cut short', () => {
  const persons = new WordList<string>(
    [
      ['förälder', 'caregiver'],
      ['föräldrar', 'caregiver'],
      ['omsorgsperson', 'caregiver'],
      ['vårdnadshavare', 'caregiver'],
      ['barnet', 'child'],
      ['barnen', 'child'],
    ],
    7,
  );

  it('is read as the word it begins when it keeps enough of it and begins no other', () => {
    expect(persons.begins('föräld', 6, 0.6)).toBe('caregiver');
    expect(persons.begins('vårdnadsh', 6, 0.6)).toBe('caregiver');
    expect(persons.begins('omsorgspers', 6, 0.6)).toBe('caregiver');
    // `omsorg` is a word of its own (care): too little of `omsorgsperson`.
    expect(persons.begins('omsorg', 6, 0.6)).toBeUndefined();
    expect(persons.begins('bar', 6, 0.6)).toBeUndefined();
  });
});

describe('a vocabulary word cut short', () => {
  it('is read as the concept of the only forms it begins (`övergr.`, `missbr.`)', () => {
    const engine = createEngine({
      codebook: codebookAt(resolve(DEV_SET, 'orsak_codebook.json')),
      known: new Map(),
    });
    // final 20 (read): `övergr` said nothing, and `BUP` made it the child's mental health.
    expect(engine.suggest('BUP - barnet berättar om sexuella övergr', 1)[0]?.code).toBe('H03');
    expect(engine.suggest('Missbr. hos vårdnadsh.', 1)[0]?.code).toBe('H07');
  });
});

describe('a short word with two neighbouring letters swapped', () => {
  it('is the listed word from five letters on, never with its first letter moved', () => {
    const list = new WordList<number>(
      [
        ['super', 1],
        ['hotar', 2],
        ['stöd', 3],
      ],
      6,
    );
    expect([list.find('spuer'), list.find('hoatr')]).toEqual([1, 2]);
    expect(list.find('psuer')).toBeUndefined(); // the first letter
    expect(list.find('sötd')).toBeUndefined(); // four letters
    expect(list.find('supre')).toBe(1);
    expect(list.find('sipor')).toBeUndefined(); // a substitution, not a swap
  });
});
