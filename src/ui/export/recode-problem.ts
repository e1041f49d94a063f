// Why a source file could not be recoded, in the user's words: the reader's refusal as the
// import dialog says it (describeProblem: the file, the row or line, no English on a Swedish
// screen), or what the recoding itself could not do (a long row, a missing column).
import type { Language } from '../../i18n';
import { Overrun, stoppedProblem } from '../../state/import-worker';
import type { RecodeOutcome } from '../../workers/recode-source';
import type { T } from '../i18n';
import { describeProblem } from '../import/describe-problem';

export function recodeProblem(
  t: T,
  lang: Language,
  file: string,
  column: string,
  outcome: Exclude<RecodeOutcome, { ok: true }>,
): string {
  if (outcome.kind === 'read') return describeProblem(t, lang, outcome.problem);
  if (outcome.kind === 'long-row') return t('expRecodedLongRow', { file, row: String(outcome.at) });
  if (outcome.kind === 'column-exists')
    return t('expRecodedColumnExists', { file, column: String(outcome.at) });
  if (outcome.kind === 'duplicate-column') return t('expRecodedDuplicateColumn', { file, column });
  return t('expRecodedNoColumn', {
    file,
    column,
    columns: outcome.headers.map((h) => JSON.stringify(h)).join(', '),
  });
}

/**
 * Why the recoding of a source file stopped in the worker: too slow (the time cap), or the worker
 * itself stopped (out of memory, a crash), said as the import says it.
 */
export function recodeStopped(t: T, lang: Language, file: string, e: unknown): string {
  if (e instanceof Overrun) return t('expRecodedTooSlow', { file, s: e.capMs / 1000 });
  return describeProblem(t, lang, stoppedProblem({ file: { name: file } }, e));
}
