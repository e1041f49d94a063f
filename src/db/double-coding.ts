// Blind double coding (issue 10 item 6): drawing a sample and writing coders' blind codes, each
// one transaction that adds immutable rows (core/double-coding.ts says what they mean).

import {
  blindCodeRefusal,
  drawSample,
  queuedDisagreements,
  type BlindCode,
  type BlindRefusal,
  type DoubleSample,
  type SampleMode,
} from '../core/double-coding';
import { leafSet } from '../core/codebook';
import type { Codebook, VariableId } from '../core/types';
import type { KodbokDb } from './db';
import { newId, valueRange } from './projects';

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
  return db.transaction('rw', [db.values, db.doubleSamples], async () => {
    const values = await db.values
      .where('[project+variable+raw]')
      .between(...valueRange(req.project, req.variable), true, true)
      .toArray();
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
  const tables = [db.variables, db.doubleSamples, db.doubleCodes, db.disagreements];
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
