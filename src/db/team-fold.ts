import { codingOf, newRawValue } from '../core/decide';
import { DOUBLE_CODING_PREFIX } from '../core/double-coding';
import { readPeople } from '../core/members';
import {
  readShared,
  type DecisionEvent,
  type PastEvent,
  type SettingEvent,
  type TeamEvent,
} from '../core/team/events';
import {
  codebookDecision,
  foldCodebook,
  foldDecision,
  foldResolve,
  mergeDisagreement,
  resolveHere,
  settingWins,
  settledBy,
  type Disagreement,
  type FoldStep,
  type SettingStamp,
} from '../core/team/fold';
import { pastDoubleCoding } from '../core/team/past';
import type { Coding } from '../core/types';
import { currentVersion, saveVersion } from './codebook';
import { foldDoubleCodingEvents } from './double-coding';
import type { DisagreementRow, HistoryRow, KodbokDb, ValueRow } from './db';
import { addValues, getValues, putValues } from './value-pages';
import { readCounts, undoImportIn, writeCounts, writeImport, type FileImport } from './imports';
import { SETTINGS } from './settings';
import { teamSettingKeys, valueKey } from './team';
import { foldPastIn } from './team-past';
import { coveredEvents } from './checkpoint';

// The server's events folded into a project's tables (core/team/fold.ts says what each does):
// one transaction per batch together with how far the server was read. A browser killed at any
// point has either all of a batch or none of it, and reads it again: nothing lost, nothing twice.

export interface FoldReport {
  /** Events folded now (new here). */
  readonly events: number;
  /** Values changed. */
  readonly changed: number;
  /** Disagreements found. */
  readonly disagreements: number;
  /** Changes on values this browser does not hold (their import has not arrived). */
  readonly missing: number;
}

/**
 * Folds a batch of the server's events into the project (core/team/fold.ts) and records how far
 * the server was read, in one transaction. Events already here are skipped.
 */
export async function foldRemote(
  db: KodbokDb,
  project: string,
  events: readonly TeamEvent[],
  since: string | number | null,
): Promise<FoldReport> {
  let folded = 0;
  let changed = 0;
  let disagreements = 0;
  let missing = 0;
  const tables = [
    db.valuePages,
    db.history,
    db.historyPages,
    db.notes,
    db.settings,
    db.variables,
    db.teamEvents,
    db.teamCheckpoints,
    db.disagreements,
    db.codebookVersions,
    db.counts,
    db.imports,
    db.importParts,
    db.doubleSamples,
    db.doubleCodes,
  ];
  await db.transaction('rw', tables, async () => {
    const known = await db.teamEvents.bulkGet(
      events.map((e): [string, string] => [project, e._id]),
    );
    // Events the checkpoint this project started from covers are in its state already (the
    // author's own events sent after her last read, or a server's `since` that went back).
    const covered = await coveredEvents(db, project);
    const seen = new Set<string>();
    const fresh = events.filter((e, i) => {
      if (known[i] !== undefined || seen.has(e._id) || covered.has(e._id)) return false;
      seen.add(e._id);
      return true;
    });
    // A shared project's variables and values first: the decisions of the batch may be on them.
    for (const e of fresh) {
      // An import merges once (its id is the import's), the same way as where it was made; an
      // undo applies where undoImport allows it here too (else the values stay and are counted).
      if (e.kind === 'import' && !(await db.imports.get(e.import))) {
        const files = e.files as unknown as FileImport['files'];
        const req: FileImport = {
          project,
          by: e.author,
          files,
          variables: e.variables.map(readShared),
          ...(e.newVariables ? { newVariables: e.newVariables } : {}),
        };
        const r = await writeImport(db, e.import, req, e.at);
        changed += r.added + r.merged;
      }
      if (e.kind === 'import-undo') {
        const r = await undoImportIn(db, project, e.import, e.author, e.at);
        if (r.ok) changed += r.removed + r.restored;
        else if (r.reason !== 'missing') missing += 1;
      }
      if (e.kind === 'variable') await db.variables.put({ ...e.variable, project });
      if (e.kind === 'values') {
        const have = await getValues(
          db,
          e.values.map((v) => valueKey(project, e.variable, v.raw)),
        );
        const missing = e.values.filter((_, i) => have[i] === undefined);
        // Their counts per municipality and year, and the cells, where this browser has none.
        const counts = await readCounts(db, project, e.variable);
        let counted = false;
        for (const v of missing)
          if (v.tally && !counts.tallies.has(v.raw)) {
            counts.tallies.set(v.raw, { ...v.tally, raw: v.raw });
            counted = true;
          }
        for (const c of e.cells ?? [])
          if (!counts.combinations.has(c.cell)) {
            counts.combinations.set(c.cell, c);
            counted = true;
          }
        if (counted) await writeCounts(db, project, e.variable, counts);
        await addValues(
          db,
          missing.map((v) => ({
            ...newRawValue(e.variable, v.raw, v.frequency, v.municipalities, {
              combinations: v.combinations,
            }),
            ...v.coding,
            project,
          })),
        );
        changed += missing.length;
      }
    }
    // The project's past (from before it was connected): notes and history, each once, before
    // the history of the batch's decisions (the past is older).
    const past = fresh.filter((e): e is PastEvent => e.kind === 'past');
    changed += await foldPastIn(db, project, past);
    // The values the batch's decisions touch, read once.
    const values = new Map<string, ValueRow>();
    const keyOf = (variable: string, raw: string) => JSON.stringify([variable, raw]);
    const wanted: [string, string, string][] = [];
    for (const e of fresh) {
      if (e.kind === 'decision')
        for (const c of e.changes) wanted.push(valueKey(project, e.variable, c.raw));
      if (e.kind === 'resolve') wanted.push(valueKey(project, e.variable, e.raw));
      if (e.kind === 'codebook')
        for (const c of e.changes) wanted.push(valueKey(project, e.variable, c.raw));
    }
    const rows = await getValues(db, wanted);
    for (const r of rows) if (r) values.set(keyOf(r.variable, r.raw), r);
    const dirty = new Set<string>();
    const apply = (variable: string, s: FoldStep): void => {
      if (s.kind === 'missing') missing += 1;
      if (s.kind === 'disagree') disagreements += 1;
      if (s.kind !== 'apply') return;
      const k = keyOf(variable, s.raw);
      const row = values.get(k);
      if (!row) return;
      values.set(k, { ...row, ...s.to });
      dirty.add(k);
      changed += 1;
    };
    const histories: HistoryRow[] = [];
    const disagree = async (d: Disagreement): Promise<void> => {
      const had = await db.disagreements.get([project, d.id]);
      // Met after its resolve: settled when the resolver saw this decision.
      if (had?.resolved && settledBy(had.resolved.seen, d.arrived)) return;
      // A decision arriving after the resolve, made without seeing it, opens it again against
      // the value the team kept; otherwise a further side joins the ones listed.
      await db.disagreements.put({
        project,
        ...mergeDisagreement(had?.resolved ? undefined : had, d),
      });
    };
    /**
     * A decision's values folded (in memory, no await: a first sync folds 200 000 of them, and
     * each await inside a transaction costs a turn of the event loop); its history row when it
     * changed any value here, and the disagreements it found, for the caller to store.
     */
    const foldValues = (e: DecisionEvent) => {
      const held = new Map<string, Coding>();
      for (const c of e.changes) {
        const r = values.get(keyOf(e.variable, c.raw));
        if (r) held.set(c.raw, codingOf(r));
      }
      const steps = foldDecision(held, e);
      steps.forEach((s) => apply(e.variable, s));
      const found = steps.flatMap((s) => (s.kind === 'disagree' ? [s.disagreement] : []));
      return { history: remoteHistory(project, e, steps, held), found };
    };
    for (const e of fresh) {
      folded += 1;
      if (e.kind === 'decision') {
        const { history, found } = foldValues(e);
        if (history) histories.push(history);
        for (const d of found) await disagree(d);
      } else if (e.kind === 'codebook') {
        const row = await db.variables.get([project, e.variable]);
        if (!row) continue;
        const f = foldCodebook(row.codebook, e);
        for (const id of e.resolves ?? []) {
          await db.disagreements.update([project, id], {
            resolved: { by: e.author, at: e.at, event: e._id },
          });
        }
        if (f.kind === 'conflict') {
          // Both codebooks kept: this browser's stays, the other is a side of the conflict.
          await disagree(f.disagreement);
          disagreements += 1;
          continue;
        }
        if (f.kind === 'same') continue;
        const from = await currentVersion(db, project, e.variable, row.codebook, e.author, e.at);
        const saved = await saveVersion(
          db,
          row,
          { at: e.at, by: e.author, codebook: e.codebook, cause: e.cause },
          from,
        );
        changed += 1;
        if (e.action === 'import' || e.action === 'resolve') continue;
        // The values that followed the change, folded like any decision; its history row names
        // the edit with this browser's version numbers.
        const { history, found } = foldValues(codebookDecision(e));
        for (const d of found) await disagree(d);
        histories.push({
          project,
          variable: e.variable,
          batch: e.batch,
          kind: e.action,
          by: e.author,
          at: e.at,
          changes: history?.changes ?? [],
          ...(e.step ? { codebook: { ...e.step, from, to: saved.number } } : {}),
        });
      } else if (e.kind === 'resolve') {
        const r = values.get(keyOf(e.variable, e.raw));
        const before = r ? codingOf(r) : undefined;
        const step = foldResolve(before, e);
        apply(e.variable, step);
        const resolved = {
          by: e.author,
          at: e.at,
          event: e._id,
          ...(e.sides ? { seen: e.sides } : {}),
        };
        for (const id of e.resolves) {
          const row = await db.disagreements.get([project, id]);
          const here = resolveHere(row && listed(row), e);
          // A side the resolver did not see keeps it open, against the value kept.
          if (here.kind === 'open') await db.disagreements.put({ project, ...here.disagreement });
          if (row) {
            if (here.kind === 'settled') await db.disagreements.update([project, id], { resolved });
            continue;
          }
          // Not met here yet (its decisions, or a blind sample's codes, not all arrived): kept
          // settled as the resolver saw it; a side she saw never opens it here when it arrives.
          const [held, arrived, ...others] = e.sides ?? [];
          if (held && arrived) {
            await db.disagreements.put({
              project,
              id,
              variable: e.variable,
              raw: e.raw,
              held,
              arrived,
              ...(others.length > 0 ? { others } : {}),
              ...(id.startsWith(DOUBLE_CODING_PREFIX) ? { subject: 'double-coding' as const } : {}),
              resolved,
            });
          }
        }
        if (step.kind === 'apply' && before) {
          histories.push({
            project,
            variable: e.variable,
            batch: e._id,
            kind: 'resolve',
            by: e.author,
            at: e.at,
            changes: [
              { raw: e.raw, code: e.to.code, status: e.to.status, note: e.to.note, before },
            ],
            ...(e.note ? { note: e.note } : {}),
            ...(e.kept && e.sides ? { resolve: { kept: e.kept, sides: e.sides } } : {}),
          });
        }
      } else if (e.kind === 'note') {
        await db.notes.put({ ...e.note, project });
      } else if (e.kind === 'setting') {
        if (await foldSetting(db, project, e)) changed += 1;
      } else if (e.kind === 'members') {
        await db.settings.put({ key: SETTINGS.members.key(project), value: readPeople(e.people) });
      }
    }
    // Samples and blind codes (any order, each once); a completed sample's disagreements queued.
    changed += await foldDoubleCodingEvents(db, project, [
      ...fresh,
      ...past.flatMap(pastDoubleCoding),
    ]);
    await putValues(
      db,
      [...dirty].map((k) => values.get(k)!),
    );
    if (histories.length > 0) await db.history.bulkAdd(histories);
    if (fresh.length > 0) await db.teamEvents.bulkAdd(fresh.map((e) => ({ project, id: e._id })));
    const linkKey = SETTINGS.team.key(project);
    const link = SETTINGS.team.read((await db.settings.get(linkKey))?.value);
    if (link) await db.settings.put({ key: linkKey, value: { ...link, since } });
  });
  return { events: folded, changed, disagreements, missing };
}

/** A listed disagreement as the fold knows it: without its project and resolve. */
function listed({ project: _p, resolved: _r, ...d }: DisagreementRow): Disagreement {
  return d;
}

/** The history row of a remote decision: what it changed here, by its author at its time. */
function remoteHistory(
  project: string,
  e: DecisionEvent,
  steps: readonly FoldStep[],
  held: ReadonlyMap<string, Coding>,
): HistoryRow | null {
  const changes: HistoryRow['changes'][number][] = [];
  for (const s of steps) {
    const before = held.get(s.raw);
    if (s.kind !== 'apply' || !before) continue;
    changes.push({
      raw: s.raw,
      code: s.to.code,
      status: s.to.status,
      note: s.to.note,
      before,
      // An undo or redo puts back an earlier state's time (as db/decisions.ts records it), and a
      // codebook change records it too (db/codebook.ts).
      ...(e.action === 'undo' || e.action === 'redo' || e.action === 'codebook'
        ? { updatedAt: s.to.updatedAt }
        : {}),
    });
  }
  if (changes.length === 0) return null;
  return {
    project,
    variable: e.variable,
    batch: e.batch,
    kind: e.action,
    by: e.author,
    at: e.at,
    changes,
    ...(e.note ? { note: e.note } : {}),
  };
}

/** Inside foldRemote: a team setting holds when it is later than the one applied here. */
async function foldSetting(db: KodbokDb, project: string, e: SettingEvent): Promise<boolean> {
  const { key, stamp } = teamSettingKeys(project, e.name, e.variable);
  const held = readStamp((await db.settings.get(stamp))?.value);
  if (!settingWins(held, { at: e.at, event: e._id })) return false;
  // Repaired by the setting's reader: a hostile or newer value becomes a valid one.
  await db.settings.put({ key, value: SETTINGS[e.name].read(e.value) });
  await db.settings.put({ key: stamp, value: { at: e.at, event: e._id } satisfies SettingStamp });
  return true;
}

function readStamp(x: unknown): SettingStamp | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const { at, event } = x as Record<string, unknown>;
  return typeof at === 'string' && typeof event === 'string' ? { at, event } : undefined;
}
