// The export of recoded data reads a source file again in the import worker: what it cannot
// recode comes back as a value naming the file's row or its columns (classes do not survive
// the trip out of a worker).
import { describe, expect, it } from 'vitest';
import { recodeSource, sourceHeaders } from '../../src/workers/recode-source';
import { fixture } from '../support/io-fixtures';

const bytes = (text: string) => new TextEncoder().encode(text);
const spec = {
  column: 'orsak',
  codes: new Map([['Missbruk förälder', 'H07']]),
  split: { separators: [';'] },
};

describe('recoding a source file in the worker', () => {
  it('recodes a Windows-1252 file from Excel as the import reads it', () => {
    const outcome = recodeSource('gavle.csv', fixture('cp1252-semicolon.csv'), spec);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.headers).toEqual(['kommun', 'orsak', 'antal', 'orsak_code']);
      expect(outcome.rows[0]).toEqual(['Gävle', 'Missbruk förälder', '12', 'H07']);
    }
  });

  it('names the file row of a misaligned row, and the columns when the column is missing', () => {
    expect(recodeSource('d.csv', bytes('id,orsak\n1,a\n2,b,extra\n'), spec)).toMatchObject({
      ok: false,
      kind: 'long-row',
      at: 3,
    });
    expect(recodeSource('d.csv', bytes('id,kön\n1,f\n'), spec)).toEqual({
      ok: false,
      kind: 'no-column',
      at: 'orsak',
      headers: ['id', 'kön'],
    });
  });

  it('refuses a broken workbook as the import does (kind and parameters); headers are null then', () => {
    const outcome = recodeSource('t.xlsx', fixture('truncated.xlsx'), spec);
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'read',
      problem: { kind: 'corrupt', file: 't.xlsx' },
    });
    const refused = sourceHeaders('t.xlsx', fixture('truncated.xlsx'));
    expect(refused.ok).toBe(false);
    // Why, as the import says it: the file named, a kind the dialog words in the user's language.
    if (!refused.ok) expect(refused.problem).toMatchObject({ file: 't.xlsx', kind: 'corrupt' });
    expect(sourceHeaders('d.csv', bytes('id;orsak\n1;a\n'))).toEqual({
      ok: true,
      headers: ['id', 'orsak'],
    });
  });
});
