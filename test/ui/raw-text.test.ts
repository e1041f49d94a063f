import { describe, expect, it } from 'vitest';
import { rawSegments } from '../../src/ui/RawText';

const shown = (raw: string) =>
  rawSegments(raw)
    .map((s) => s.text)
    .join('');

describe('raw values are shown exactly, whitespace made visible', () => {
  it('marks leading, trailing and repeated spaces but not single inner ones', () => {
    expect(shown('  x  ')).toBe('··x··');
    expect(shown('Missbruk förälder')).toBe('Missbruk förälder');
    expect(shown('Missbruk  förälder')).toBe('Missbruk··förälder');
  });

  it('marks tabs, line breaks and non-breaking spaces', () => {
    expect(shown('a\tb\nc\u00a0d')).toBe('a→b↵c⍽d');
  });

  it('keeps markup as text', () => {
    expect(shown('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('shows an empty value as ∅', () => {
    expect(shown('')).toBe('∅');
  });
});
