import { describe, expect, it } from 'vitest';
import { translate, type Language, type MessageKey } from '../../src/i18n';
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
  });
});
