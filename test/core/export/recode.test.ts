// The recoded data set: the imported rows with the code (and label) beside the raw value,
// wide or one row per value; without labels, byte for byte what `kodbok apply` writes.
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { RecodeError, recodeTable } from '../../../src/core/export/recode';
import { writeCsv } from '../../../src/io/csv-export';
import { readTableFile } from '../../../src/io/table';

const codes = new Map([
  ['Missbruk förälder', 'H07'],
  ['Skolproblem', 'B15'],
  ['Missbruk BoU – Barnet/den unge', 'B11'],
  ['__proto__', 'B15'],
]);
const labels = new Map([
  ['H07', 'Skadligt bruk hos förälder'],
  ['B15', 'Skolproblematik'],
  ['B11', 'Skadligt bruk och beroende'],
]);
const split = { separators: [';', '–'], protect: ['Missbruk BoU – Barnet/den unge'] };
const DATA =
  'kommun;orsak;antal\r\nGävle;Missbruk förälder;12\r\nÅre;"Missbruk BoU – Barnet/den unge; Skolproblem; okänt";3\r\nUmeå;;1\r\nLuleå;__proto__\r\n';

describe('the recoded data set', () => {
  it('without labels is exactly what kodbok apply writes for the same input', async () => {
    const mapping = JSON.stringify({
      format: 'kodbok/mapping',
      formatVersion: 1,
      variable: 'orsak',
      codebook: { id: 'x' },
      split,
      entries: [...codes].map(([raw, code]) => ({ raw, code, status: 'approved' })),
    });
    const files = new Map<string, Uint8Array>([
      ['m.json', new TextEncoder().encode(mapping)],
      ['d.csv', new TextEncoder().encode(DATA)],
    ]);
    let stdout = '';
    const io: CliIo = {
      stdout: (t) => void (stdout += t),
      stderr: () => undefined,
      readFile: async (p) => files.get(p) as Uint8Array,
      writeFile: async () => undefined,
    };
    expect(
      await runCli(['apply', '--mapping', 'm.json', '--input', 'd.csv', '--column', 'orsak'], io),
    ).toBe(0);
    const table = readTableFile('d.csv', files.get('d.csv') as Uint8Array);
    const recoded = recodeTable(table.headers, table.rows, { column: 'orsak', codes, split });
    expect(writeCsv(recoded.headers, recoded.rows, { neutraliseFormulas: false })).toBe(stdout);
  });

  it('adds labels beside the codes, `|`-joined like the codes', () => {
    const table = readTableFile('d.csv', new TextEncoder().encode(DATA));
    const recoded = recodeTable(table.headers, table.rows, {
      column: 'orsak',
      codes,
      split,
      labels,
    });
    expect(recoded.headers).toEqual(['kommun', 'orsak', 'antal', 'orsak_code', 'orsak_label']);
    expect(recoded.rows.map((r) => r.slice(3))).toEqual([
      ['H07', 'Skadligt bruk hos förälder'],
      ['B11|B15', 'Skadligt bruk och beroende|Skolproblematik'],
      ['', ''],
      ['B15', 'Skolproblematik'],
    ]);
  });

  it('in long format gives one row per value, an empty cell one row, uncoded values an empty code', () => {
    const table = readTableFile('d.csv', new TextEncoder().encode(DATA));
    const recoded = recodeTable(table.headers, table.rows, {
      column: 'orsak',
      codes,
      split,
      labels,
      long: true,
    });
    expect(recoded.headers.slice(3)).toEqual(['orsak_value', 'orsak_code', 'orsak_label']);
    expect(recoded.rows.map((r) => [r[0], ...r.slice(3)])).toEqual([
      ['Gävle', 'Missbruk förälder', 'H07', 'Skadligt bruk hos förälder'],
      ['Åre', 'Missbruk BoU – Barnet/den unge', 'B11', 'Skadligt bruk och beroende'],
      ['Åre', 'Skolproblem', 'B15', 'Skolproblematik'],
      ['Åre', 'okänt', '', ''],
      ['Umeå', '', '', ''],
      ['Luleå', '__proto__', 'B15', 'Skolproblematik'],
    ]);
  });

  it('refuses a missing column, a column that would be overwritten and a misaligned row', () => {
    const attempt = (headers: string[], rows: string[][]) => {
      try {
        recodeTable(headers, rows, { column: 'orsak', codes, split });
      } catch (e) {
        if (e instanceof RecodeError) return [e.kind, e.at];
        throw e;
      }
      return null;
    };
    expect(attempt(['kön'], [])).toEqual(['no-column', 'orsak']);
    expect(attempt(['orsak', 'orsak_code'], [])).toEqual(['column-exists', 'orsak_code']);
    expect(attempt(['orsak'], [['a'], ['b', 'extra']])).toEqual(['long-row', 1]);
    expect(attempt(['orsak'], [['a', '']])).toBeNull();
  });
});
