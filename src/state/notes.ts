import { useEffect, useState } from 'react';
import type { NoteEvent, NoteInput } from '../core/notes';
import type { StoredTally } from '../core/import-merge';
import type { Decision } from '../core/types';
import { appDb, type HistoryRow } from '../db/db';
import * as repo from '../db/repo';
import { get, reportError, saving } from './app';

// Notes, value history and the project log (issue 9 item 4): subscriptions for the side panel
// and the one action that writes a note event.

export type NoteOutcome = NoteEvent | 'empty' | 'no-thread' | 'already-resolved' | 'missing';

/** Writes a note, a reply or a resolve on one value of the current variable. */
export async function writeNote(raw: string, input: NoteInput): Promise<NoteOutcome | undefined> {
  const { projectId, variableId, user } = get();
  if (!projectId || !variableId) return undefined;
  return saving(() =>
    repo.writeNote(appDb(), { project: projectId, variable: variableId, raw, input, by: user }),
  );
}

/** The current variable's note events, kept fresh while the caller is mounted. */
export function useVariableNotes(project: string | null, variable: string | null): NoteEvent[] {
  const [notes, setNotes] = useState<NoteEvent[]>([]);
  useEffect(() => {
    setNotes([]);
    if (!project || !variable) return;
    const sub = repo.observeNotes(appDb(), project, variable, setNotes, reportError);
    return () => sub.unsubscribe();
  }, [project, variable]);
  return notes;
}

/** One value's history, oldest first, kept fresh while the caller is mounted. */
export function useValueHistory(
  project: string | null,
  variable: string | null,
  raw: string | null,
): Decision[] {
  const [history, setHistory] = useState<Decision[]>([]);
  useEffect(() => {
    setHistory([]);
    if (!project || !variable || raw === null) return;
    const sub = repo.observeValueHistory(appDb(), project, variable, raw, setHistory, reportError);
    return () => sub.unsubscribe();
  }, [project, variable, raw]);
  return history;
}

/** The variable's tallies by raw value (the side panel's sources), kept fresh while mounted. */
export function useVariableTallies(
  project: string | null,
  variable: string | null,
): ReadonlyMap<string, StoredTally> | null {
  const [tallies, setTallies] = useState<ReadonlyMap<string, StoredTally> | null>(null);
  useEffect(() => {
    setTallies(null);
    if (!project || !variable) return;
    const sub = repo.observeTallies(appDb(), project, variable, setTallies, reportError);
    return () => sub.unsubscribe();
  }, [project, variable]);
  return tallies;
}

/** The project's whole record, read once (the log dialog). */
export async function loadProjectLog(): Promise<{
  history: HistoryRow[];
  notes: NoteEvent[];
} | null> {
  const { projectId } = get();
  if (!projectId) return null;
  return repo.loadProjectLog(appDb(), projectId);
}
