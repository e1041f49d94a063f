import { describe, expect, it } from 'vitest';
import { foldThreads, noteEvent, openNoteRaws, type NoteEvent } from '../../src/core/notes';

const value = { variable: 'orsak', raw: 'Missbruk', code: 'B11', status: 'coded' as const };
let n = 0;
const ctx = (by = 'AL', at = `2026-12-05T19:0${n}:00Z`) => ({ id: `e${++n}`, by, at });

function write(events: NoteEvent[], input: Parameters<typeof noteEvent>[0], by = 'AL') {
  const e = noteEvent(input, value, events, ctx(by));
  if (typeof e === 'string') throw new Error(e);
  events.push(e);
  return e;
}

describe('notes as events', () => {
  it('a note, a reply and a resolve make one resolved thread with the code of their time', () => {
    n = 0;
    const events: NoteEvent[] = [];
    const note = write(events, { kind: 'note', text: ' Fel kod? ' });
    write(events, { kind: 'reply', thread: note.id, text: 'Nej, rätt.' }, 'EK');
    expect(openNoteRaws(events)).toEqual(new Set(['Missbruk']));
    write(events, { kind: 'resolve', thread: note.id });
    const [thread] = foldThreads(events);
    expect(thread?.events.map((e) => [e.by, e.text, e.code])).toEqual([
      ['AL', 'Fel kod?', 'B11'],
      ['EK', 'Nej, rätt.', 'B11'],
    ]);
    expect(thread?.resolved?.by).toBe('AL');
    expect(openNoteRaws(events).size).toBe(0);
  });

  it('refuses an empty note, a reply to no thread and a second resolve', () => {
    n = 0;
    const events: NoteEvent[] = [];
    expect(noteEvent({ kind: 'note', text: '  ' }, value, events, ctx())).toBe('empty');
    expect(noteEvent({ kind: 'reply', thread: 'x', text: 'a' }, value, events, ctx())).toBe(
      'no-thread',
    );
    const note = write(events, { kind: 'note', text: 'a' });
    write(events, { kind: 'resolve', thread: note.id });
    expect(noteEvent({ kind: 'resolve', thread: note.id }, value, events, ctx())).toBe(
      'already-resolved',
    );
  });

  it('folds the same events in any order (merged from two machines) to the same threads', () => {
    n = 0;
    const events: NoteEvent[] = [];
    const a = write(events, { kind: 'note', text: 'a' });
    write(events, { kind: 'reply', thread: a.id, text: 'b' });
    write(events, { kind: 'note', text: 'c' });
    expect(foldThreads([...events].reverse())).toEqual(foldThreads(events));
  });
});
