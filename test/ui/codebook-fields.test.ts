// The codebook editor's crosswalk box (issue 11 item 5): `codebook = code` per line.
import { describe, expect, it } from 'vitest';
import { draftOf, fieldsOf } from '../../src/ui/codebook/fields';

const draft = (crosswalk: string) => ({
  ...draftOf({ code: 'H01', label: 'Bristande omsorg', parent: 'HEM' }),
  crosswalk,
});

describe('the crosswalk box', () => {
  it('gives one code per other codebook, `__proto__` as a plain key', () => {
    const read = fieldsOf(draft('skr = Brister i omsorgen\n\n__proto__ = P = Q'));
    expect(read.ok && read.fields.crosswalk).toEqual(
      Object.fromEntries([
        ['skr', 'Brister i omsorgen'],
        ['__proto__', 'P = Q'],
      ]),
    );
    expect(read.ok && Object.getPrototypeOf(read.fields.crosswalk)).toBe(Object.prototype);
  });

  it('refuses a line without a code, naming the line', () => {
    expect(fieldsOf(draft('skr = A\nannan = '))).toEqual({ ok: false, line: 2 });
  });

  it('refuses a codebook given a code twice, naming the later line, instead of keeping one silently', () => {
    // Failed before: the last line silently replaced the first.
    expect(fieldsOf(draft('skr = A\n\nannan = V1\nskr = B'))).toEqual({
      ok: false,
      line: 4,
      twice: 'skr',
    });
  });
});
