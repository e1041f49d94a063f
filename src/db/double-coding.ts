// Blind double coding (issue 10 item 6): drawing a sample and writing coders' blind codes, each
// one transaction that adds immutable rows (core/double-coding.ts says what they mean). In a
// project linked to a team the same transaction queues them as events, and the team's events
// are folded in here too (foldDoubleCodingEvents), so two coders on two machines code one sample.

import {
  blindCodeRefusal,
  drawSample,
  foldDoubleCoding,
  queuedDisagreements,
  type BlindCode,
  type BlindRefusal,
  type DoubleSample,
  type SampleMode,
} from '../core/double-coding';
import { leafSet } from '../core/codebook';
import {
  envelope,
  eventId,
  type BlindCodesEvent,
  type SampleEvent,
  type TeamEvent,
} from '../core/team/events';
import type { Codebook, VariableId } from '../core/types';
import { liveQuery } from 'dexie';
import type { KodbokDb } from './db';
import { newId, type Subscription } from './projects';
import { readVariableValues } from './value-pages';
import { queueEvent, queueTables, teamLinkIn } from './team';

export interface SampleDraw {
  readonly project: string;
  readonly variable: VariableId;
  readonly mode: SampleMode;
  readonly size: number;
  /** Recorded with the sample: the same seed draws the same values again. */
  readonly seed: number;
  readonly coders: readonly string[];
  readonly by: string;
}

/** Draws a sample from the variable's values as stored now and records it; 'empty' without values. */
export async function drawDoubleSample(
  db: KodbokDb,
  req: SampleDraw,
): Promise<DoubleSample | 'empty'> {
  const at = new Date().toISOString();
  const id = newId();
  return db.transaction('rw', [db.valuePages, db.doubleSamples, ...queueTables(db)], async () => {
    const values = await readVariableValues(db, req.project, req.variable);
    const raws = drawSample(values, req);
    if (raws.length === 0 || req.coders.length === 0) return 'empty';
    const sample: DoubleSample = {
      id,
      variable: req.variable,
      mode: req.mode,
      seed: req.seed,
      size: req.size,
      raws,
      coders: [...req.coders],
      by: req.by,
      at,
    };
    await db.doubleSamples.add({ ...sample, project: req.project });
    if ((await teamLinkIn(db, req.project)) !== null) {
      const event: SampleEvent = {
        ...envelope(eventId(at, req.by, id), req.by, at),
        kind: 'sample',
        sample,
      };
      await queueEvent(db, req.project, event);
    }
    return sample;
  });
}

/**
 * Records one coder's codes on a sample's values, all or none: each is checked against the
 * sample and the variable's codebook as stored now. Returns the events, or why they were refused.
 */
export async function writeBlindCodes(
  db: KodbokDb,
  req: {
    readonly project: string;
    readonly sample: string;
    readonly by: string;
    readonly codes: readonly { readonly raw: string; readonly code: string }[];
  },
): Promise<BlindCode[] | BlindRefusal | 'missing'> {
  const at = new Date().toISOString();
  const ids = req.codes.map(() => newId());
  const tables = [
    db.variables,
    db.doubleSamples,
    db.doubleCodes,
    db.disagreements,
    ...queueTables(db),
  ];
  return db.transaction('rw', tables, async () => {
    const sample = await db.doubleSamples.get([req.project, req.sample]);
    const variable = sample && (await db.variables.get([req.project, sample.variable]));
    if (!sample || !variable) return 'missing';
    const leaves = leafSet(variable.codebook);
    const events = req.codes.map((c, i): BlindCode => ({
      id: ids[i]!,
      sample: sample.id,
      raw: c.raw,
      code: c.code,
      by: req.by,
      at,
    }));
    for (const e of events) {
      const refusal = blindCodeRefusal(sample, leaves, e);
      if (refusal) return refusal;
    }
    await db.doubleCodes.bulkAdd(events.map((e) => ({ ...e, project: req.project })));
    if ((await teamLinkIn(db, req.project)) !== null) {
      const event: BlindCodesEvent = {
        ...envelope(eventId(at, req.by, newId()), req.by, at),
        kind: 'blind-codes',
        sample: sample.id,
        variable: sample.variable,
        coders: sample.coders,
        codes: events,
      };
      await queueEvent(db, req.project, event);
    }
    await queueSampleDisagreements(db, req.project, sample, variable.codebook);
    return events;
  });
}

/**
 * Inside a blind code's transaction: once the sample is complete, the values its coders coded
 * differently go to the disagreements queue (listed side by side, resolved like a team's). One
 * already resolved stays resolved; an open one takes a coder's changed mind.
 */
async function queueSampleDisagreements(
  db: KodbokDb,
  project: string,
  sample: DoubleSample,
  codebook: Codebook,
): Promise<void> {
  const codes = await db.doubleCodes
    .where('[project+sample]')
    .equals([project, sample.id])
    .toArray();
  const found = queuedDisagreements(sample, codes, codebook);
  if (found.length === 0) return;
  const held = await db.disagreements.bulkGet(found.map((d): [string, string] => [project, d.id]));
  const open = found.filter((_, i) => held[i]?.resolved === undefined);
  await db.disagreements.bulkPut(open.map((d) => ({ ...d, project })));
}

/**
 * Inside foldRemote's transaction (db.doubleSamples, db.doubleCodes, db.variables,
 * db.disagreements): the team's samples and blind codes of a batch, each added once
 * (core foldDoubleCoding); every sample they touch that is complete here puts its disagreements
 * in the queue, with the same ids as on every other machine. Returns the records added.
 */
export async function foldDoubleCodingEvents(
  db: KodbokDb,
  project: string,
  batch: readonly TeamEvent[],
): Promise<number> {
  const events = batch.filter(
    (e): e is SampleEvent | BlindCodesEvent => e.kind === 'sample' || e.kind === 'blind-codes',
  );
  if (events.length === 0) return 0;
  const sampleIds = [...new Set(events.map((e) => (e.kind === 'sample' ? e.sample.id : e.sample)))];
  const codeIds = events.flatMap((e) => (e.kind === 'blind-codes' ? e.codes.map((c) => c.id) : []));
  const key = (id: string): [string, string] => [project, id];
  const heldSamples = await db.doubleSamples.bulkGet(sampleIds.map(key));
  const heldCodes = await db.doubleCodes.bulkGet(codeIds.map(key));
  const held = {
    samples: new Map(
      heldSamples.flatMap((r) => (r ? [[r.id, (({ project: _, ...s }) => s)(r)] as const] : [])),
    ),
    codes: new Map(
      heldCodes.flatMap((r) => (r ? [[r.id, (({ project: _, ...c }) => c)(r)] as const] : [])),
    ),
  };
  const next = foldDoubleCoding(held, events);
  const newSamples = [...next.samples.values()].filter((s) => !held.samples.has(s.id));
  const newCodes = [...next.codes.values()].filter((c) => !held.codes.has(c.id));
  await db.doubleSamples.bulkAdd(newSamples.map((s) => ({ ...s, project })));
  await db.doubleCodes.bulkAdd(newCodes.map((c) => ({ ...c, project })));
  for (const sample of next.samples.values()) {
    const variable = await db.variables.get([project, sample.variable]);
    if (variable) await queueSampleDisagreements(db, project, sample, variable.codebook);
  }
  return newSamples.length + newCodes.length;
}

/** A variable's samples (oldest first) and every blind code on them, in one read. */
export async function loadDoubleCoding(
  db: KodbokDb,
  project: string,
  variable: VariableId,
): Promise<{ samples: DoubleSample[]; codes: BlindCode[] }> {
  return db.transaction('r', [db.doubleSamples, db.doubleCodes], async () => {
    const samples = await db.doubleSamples
      .where('[project+variable]')
      .equals([project, variable])
      .toArray();
    const codes = await db.doubleCodes
      .where('[project+sample]')
      .anyOf(samples.map((s) => [project, s.id]))
      .toArray();
    return {
      samples: samples
        .map(({ project: _, ...s }) => s)
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
      codes: codes.map(({ project: _, ...c }) => c),
    };
  });
}

/**
 * A variable's samples and codes, again whenever they change: a sample drawn or codes saved on
 * another machine show as they arrive (the dialog decides what each person may see of them).
 */
export function observeDoubleCoding(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  onChange: (stored: Awaited<ReturnType<typeof loadDoubleCoding>>) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(() => loadDoubleCoding(db, project, variable)).subscribe({
    next: onChange,
    error: onError,
  });
}
