import { describe, expect, it } from 'vitest';
import { codingOf, newRawValue } from '../../src/core/decide';
import type { NoteEvent } from '../../src/core/notes';
import type { HistoryRow } from '../../src/db/db';
import { translate } from '../../src/i18n';
import {
  entryAction,
  filterLog,
  logCsv,
  logEntries,
  localDate,
  type LogEntry,
} from '../../src/ui/review/log';

const t = (key: Parameters<typeof translate>[1], p?: Record<string, string | number>) =>
  translate('sv', key, p);

const coding = codingOf(newRawValue('orsak', 'x', 1, 1));

const history: HistoryRow[] = [
  {
    seq: 1,
    project: 'p',
    variable: 'orsak',
    batch: 'b1',
    kind: 'assign',
    by: 'AL',
    at: '2026-12-04T10:00:00.000Z',
    changes: [{ raw: '=HYPERLINK("x")', code: 'B11', status: 'coded', note: '', before: coding }],
  },
  {
    seq: 2,
    project: 'p',
    variable: 'orsak',
    batch: 'b2',
    kind: 'approve',
    by: 'EK',
    at: '2026-12-05T10:00:00.000Z',
    changes: [
      {
        raw: '=HYPERLINK("x")',
        code: 'B11',
        status: 'approved',
        note: '',
        before: { ...coding, code: 'B11', status: 'coded' },
      },
    ],
  },
];
const notes: NoteEvent[] = [
  {
    id: 'n1',
    kind: 'note',
    thread: 'n1',
    variable: 'orsak',
    raw: '=HYPERLINK("x")',
    by: 'EK',
    at: '2026-12-05T11:00:00.000Z',
    text: '@fel?',
    code: 'B11',
    status: 'approved',
  },
];

describe('the project log', () => {
  it('lists actions and note events newest first and filters by person, action and date', () => {
    const all = logEntries(history, notes);
    expect(all.map((e) => e.kind)).toEqual(['note_note', 'approve', 'assign']);
    expect(filterLog(all, { by: 'EK', kind: null, from: null, to: null }).length).toBe(2);
    expect(filterLog(all, { by: null, kind: 'assign', from: null, to: null }).length).toBe(1);
    const day = localDate('2026-12-04T10:00:00.000Z');
    expect(filterLog(all, { by: null, kind: null, from: day, to: day }).map((e) => e.kind)).toEqual(
      ['assign'],
    );
  });

  it('exports one CSV line per value, with formulas neutralised for Excel', () => {
    const csv = logCsv(t, logEntries(history, notes));
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Tid;Person;Variabel;Åtgärd;Värde;Före;Efter;Anteckning');
    expect(lines.length).toBe(4);
    expect(lines[3]).toContain(`'=HYPERLINK`);
    expect(lines[3]).toContain('Okodad;B11 · Kodad');
    expect(lines[1]).toContain(`'@fel?`);
  });
});

describe('codebook changes in the log (issue 11 item 1)', () => {
  it('names the change, and one that recoded no value still has its line in the CSV', () => {
    const added: HistoryRow = {
      seq: 3,
      project: 'p',
      variable: 'orsak',
      batch: 'b3',
      kind: 'codebook',
      by: 'AL',
      at: '2026-12-06T10:00:00.000Z',
      changes: [],
      codebook: { edit: 'add', code: 'H10', from: 1, to: 2 },
    };
    const [entry] = logEntries([added], []);
    expect(entryAction(t, entry as LogEntry)).toBe('Ändra kodboken: Lägg till H10');
    const lines = logCsv(t, [entry as LogEntry])
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[1]).toContain(';AL;orsak;Ändra kodboken: Lägg till H10;;;;');
  });
});
