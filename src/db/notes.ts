import { liveQuery } from 'dexie';
import { noteEvent, type NoteEvent, type NoteInput, type NoteRefusal } from '../core/notes';
import type { VariableId } from '../core/types';
import type { HistoryRow, KodbokDb, NoteRow } from './db';
import { getValue } from './value-pages';
import { newId, type Subscription } from './projects';
import { queueNote, queueTables } from './team';
import { readProjectHistory } from './history-pages';

// Notes on values (issue 9 item 4): writing a note, a reply or a resolve is one transaction that
// reads the value (its code at that time) and its threads, and adds one immutable event.

export interface NoteRequest {
  readonly project: string;
  readonly variable: VariableId;
  readonly raw: string;
  readonly input: NoteInput;
  readonly by: string;
}

/** Writes one note event; returns it, or why it was refused (nothing is stored then). */
export async function writeNote(
  db: KodbokDb,
  req: NoteRequest,
): Promise<NoteEvent | NoteRefusal | 'missing'> {
  const at = new Date().toISOString();
  const id = newId();
  return db.transaction('rw', [db.valuePages, db.notes, ...queueTables(db)], async () => {
    const value = await getValue(db, req.project, req.variable, req.raw);
    if (!value) return 'missing';
    const existing =
      req.input.kind === 'note'
        ? []
        : await db.notes
            .where('[project+variable]')
            .equals([req.project, req.variable])
            .filter((n) => n.raw === req.raw)
            .toArray();
    const event = noteEvent(req.input, value, existing, { id, by: req.by, at });
    if (typeof event === 'string') return event;
    await db.notes.add({ ...event, project: req.project });
    await queueNote(db, req.project, event);
    return event;
  });
}

/** Every note event of a variable. */
export async function loadNotes(
  db: KodbokDb,
  project: string,
  variable: VariableId,
): Promise<NoteEvent[]> {
  const rows = await db.notes.where('[project+variable]').equals([project, variable]).toArray();
  return rows.map(({ project: _, ...e }) => e);
}

/** The whole project's record: every action on values and every note event, in one read. */
export async function loadProjectLog(
  db: KodbokDb,
  project: string,
): Promise<{ history: HistoryRow[]; notes: NoteEvent[] }> {
  return db.transaction('r', [db.history, db.historyPages, db.notes], async () => {
    const [history, notes] = await Promise.all([
      readProjectHistory(db, project),
      db.notes.where('[project+variable]').between([project], [project, []]).toArray(),
    ]);
    return { history, notes: notes.map(({ project: _, ...e }: NoteRow) => e) };
  });
}

/** A variable's note events now and after every committed change (this tab or another). */
export function observeNotes(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  onNotes: (notes: NoteEvent[]) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(() => loadNotes(db, project, variable)).subscribe({
    next: onNotes,
    error: onError,
  });
}
