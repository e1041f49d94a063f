// The double-coding actions (issue 10 item 6): drawing a sample and saving one's blind codes,
// each a db/ transaction under the "saved" sign. No domain logic here: core/double-coding.ts.

import type { BlindCode, BlindRefusal, DoubleSample, SampleMode } from '../core/double-coding';
import { appDb } from '../db/db';
import * as repo from '../db/double-coding';
import { saving } from './app';
import { get } from './store';

export { observeDoubleCoding } from '../db/double-coding';

/** Draws a sample of the open variable with these coders; null when nothing was stored. */
export async function drawDoubleSample(request: {
  readonly mode: SampleMode;
  readonly size: number;
  readonly seed: number;
  readonly coders: readonly string[];
}): Promise<DoubleSample | 'empty' | undefined> {
  const { projectId, variableId, user } = get();
  if (!projectId || !variableId) return undefined;
  return saving(() =>
    repo.drawDoubleSample(appDb(), {
      ...request,
      project: projectId,
      variable: variableId,
      by: user,
    }),
  );
}

/** Saves the signed-in person's codes on a sample's values, all or none. */
export async function saveBlindCodes(
  sample: string,
  codes: readonly { readonly raw: string; readonly code: string }[],
): Promise<BlindCode[] | BlindRefusal | 'missing' | undefined> {
  const { projectId, user } = get();
  if (!projectId || codes.length === 0) return undefined;
  return saving(() =>
    repo.writeBlindCodes(appDb(), { project: projectId, sample, by: user, codes }),
  );
}
