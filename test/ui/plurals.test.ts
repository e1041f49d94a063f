import { describe, expect, it } from 'vitest';
import { translate, type Language, type MessageKey } from '../../src/i18n';
import { createEngine } from '../../src/core/suggest/engine';
import type { Codebook } from '../../src/core/types';
import { describeVia } from '../../src/ui/grid/rows';

const t = (lang: Language) => (key: MessageKey, p?: Record<string, string | number>) =>
  translate(lang, key, p);

describe('plurals and the engine’s words in the user’s language', () => {
  it('says “1 värde ändrat”, “1 fil” and “1 value changed”, and the plural otherwise', () => {
    expect(t('sv')('resultChanged', { action: 'Godkänn', n: 1 })).toBe('Godkänn: 1 värde ändrat');
    expect(t('sv')('resultChanged', { action: 'Godkänn', n: 2 })).toBe('Godkänn: 2 värden ändrade');
    expect(t('sv')('impFileCount', { n: 1 })).toBe('1 fil');
    expect(t('sv')('impFileCount', { n: 3 })).toBe('3 filer');
    expect(t('sv')('valuesLeft', { n: 1 })).toBe('1 värde kvar');
    expect(t('en')('resultChanged', { action: 'Approve', n: 1 })).toBe('Approve: 1 value changed');
    expect(t('en')('skipped_unchanged', { n: 1 })).toBe('1 was already so');
    expect(t('en')('impFileCount', { n: 1 })).toBe('1 file');
  });

  it('renders what a suggestion matched in Swedish, never the engine’s English', () => {
    expect(describeVia(t('sv'), 'approved: Missbruk barnet')).toBe(
      'liknar värde (Godkänd): Missbruk barnet',
    );
    expect(describeVia(t('sv'), 'label: Psykisk ohälsa')).toBe('etikett: Psykisk ohälsa');
    expect(describeVia(t('en'), 'synonym: VH')).toBe('synonym: VH');
    expect(describeVia(t('sv'), 'include: Familjehem')).toBe('ingår enligt kodboken: Familjehem');
    expect(describeVia(t('sv'), 'definition: HVB')).toBe('kodbokens definition av: HVB');
    expect(describeVia(t('sv'), 'learnt: HVB')).toBe('inlärt av besluten: HVB');
    expect(describeVia(t('sv'), 'referred: H1: Jourhem för tonåringar')).toBe(
      'undantas från H1 och kodas här enligt kodboken: Jourhem för tonåringar',
    );
    expect(describeVia(t('sv'), 'code: SLCN')).toBe('kategorins kod: SLCN');
    expect(describeVia(t('sv'), 'reference: 9 § 3')).toBe('lagrummet som kodboken anger: 9 § 3');
    expect(describeVia(t('sv'), 'cited: N4')).toBe(
      'koden eller förkortningen som kodboken anger för kategorin: N4',
    );
    expect(describeVia(t('en'), 'cited: DA')).toBe(
      'the code or abbreviation the codebook gives for the category: DA',
    );
    expect(describeVia(t('en'), 'referred: H1: Jourhem för tonåringar')).toBe(
      'excluded from H1 and coded here by the codebook: Jourhem för tonåringar',
    );
  });

  it('has Swedish words for everything the engine says a suggestion matched', () => {
    const codebook: Codebook = {
      id: 'p',
      title: 'Placering',
      variable: 'placering',
      categories: [
        {
          code: 'F1',
          parent: null,
          label: 'Familjehem',
          synonyms: ['fh'],
          definition: 'Placering i ett annat hem än det egna, hos en familj som kommunen anlitat.',
          include: 'Jourhem; nätverkshem',
        },
        {
          code: 'H1',
          parent: null,
          label: 'Hem för vård eller boende',
          definition:
            'Institution med behandling för barn och unga, drivet av kommun eller privat.',
          include: 'HVB; behandlingshem',
          exclude: 'Akutplacering hos släkt (F1)',
        },
      ],
    };
    const engine = createEngine({
      codebook,
      known: new Map([['hvb-hem Solgården', { code: 'H1', status: 'approved' }]]),
    });
    const vias = new Set<string>();
    for (const raw of [
      'Familjehem',
      'fh',
      'jourhem',
      'HVB Solgården',
      'anlitad familj',
      'institution behandling',
      'akutplacering släkt',
    ])
      for (const s of engine.suggest(raw, 3)) vias.add(s.via);
    expect(vias.size).toBeGreaterThan(3);
    expect([...vias]).toContain('referred: H1: Akutplacering hos släkt');
    // `synonym` is the same word in Swedish; every other kind of match has a word of its own.
    const english =
      /^(label|include|referred|code|reference|definition|learnt|uncoded|suggested|coded|approved|rejected|flagged): /;
    expect([...vias].some((via) => english.test(via))).toBe(true);
    for (const via of vias) expect(describeVia(t('sv'), via)).not.toMatch(english);
  });
});
