// A refusal or warning of an import in the user's language, from its kind and parameters (the
// readers' English `message` is what the command line prints; it is shown only for a kind
// without a template). The file name, row and column read exactly as in the message, so a
// researcher finds the place; values quoted from the file are shown as they are (React text).
import { formatMegabytes, isMessageKey, type Language, type MessageKey } from '../../i18n';
import {
  TABLE_ISSUE_KINDS,
  type MessageParams,
  type TableIssue,
  type TableIssueKind,
} from '../../io/table-kinds';
import { IMPORT_PROBLEM_KINDS, type ImportProblem } from '../../workers/import-problem';
import type { T } from '../i18n';
import { delimiterName } from './labels';

// Places in the file: digits as the file's row numbers are shown, never grouped (`12345`).
const PLACES = new Set(['row', 'column', 'line', 'headerRow', 'number', 'byte']);

const isIssueKind = (kind: string): kind is TableIssueKind =>
  (TABLE_ISSUE_KINDS as readonly string[]).includes(kind);
const isImportKind = (kind: string) => (IMPORT_PROBLEM_KINDS as readonly string[]).includes(kind);

type Values = Record<string, string | number>;

/** A word for a code the message names (`tblBinary_pdf`); null when the catalog has none. */
function word(t: T, key: string, values?: Values): string | null {
  return isMessageKey(key) ? t(key, values) : null;
}

/** The parameters as the templates show them; null when a code has no words (say it in English). */
function values(
  t: T,
  lang: Language,
  kind: string,
  row: number | undefined,
  column: number | undefined,
  params: MessageParams,
): Values | null {
  const out: Values = {};
  for (const [name, v] of Object.entries({ ...params, row, column })) {
    if (v === undefined || name === 'variant') continue;
    if (typeof v === 'number' && PLACES.has(name)) out[name] = String(v);
    else if (typeof v === 'number' && name.endsWith('Bytes')) out[name] = formatMegabytes(lang, v);
    else out[name] = v;
  }
  // A template's singular form (`…_one`) is chosen by `n`: a ragged row of 1 cell.
  if (params.n === undefined && typeof params.cells === 'number') out.n = params.cells;
  const code = (name: string) => String(params[name] ?? '');
  const words: [string, string | null][] = [];
  if (kind === 'binary') words.push(['what', word(t, `tblBinary_${code('what')}`)]);
  if (kind === 'corrupt') words.push(['reason', word(t, `tblCorrupt_${code('reason')}`, out)]);
  if (kind === 'more-issues') words.push(['of', word(t, `tblIssueName_${code('of')}`)]);
  if (kind === 'mapping') words.push(['problem', word(t, `impMapping_${code('problem')}`)]);
  if (kind === 'ambiguous-delimiter')
    words.push(['delimiter', delimiterName(t, code('delimiter'))]);
  if (kind === 'no-such-sheet' && params.sheets === '') words.push(['sheets', t('tblSheetsNone')]);
  for (const [name, text] of words) {
    if (text === null) return null;
    out[name] = text;
  }
  return out;
}

function describe(
  t: T,
  lang: Language,
  prefix: 'tblIssue_' | 'tblErr_' | 'impProblem_',
  x: { kind: string; row?: number; column?: number; params?: MessageParams },
): string | null {
  const params = x.params ?? {};
  const variant = typeof params.variant === 'string' ? `_${params.variant}` : '';
  const key = `${prefix}${x.kind}${variant}`;
  if (!isMessageKey(key)) return null;
  const filled = values(t, lang, x.kind, x.row, x.column, params);
  return filled === null ? null : t(key as MessageKey, filled);
}

/** A warning about a file (shown under its name), in the user's language. */
export function describeIssue(t: T, lang: Language, issue: TableIssue): string {
  const prefix = isIssueKind(issue.kind) ? 'tblIssue_' : 'tblErr_';
  return describe(t, lang, prefix, issue) ?? issue.message;
}

/** Why a file is refused, starting with its name, in the user's language. */
export function describeProblem(t: T, lang: Language, problem: ImportProblem): string {
  const prefix = isImportKind(problem.kind)
    ? 'impProblem_'
    : isIssueKind(problem.kind)
      ? 'tblIssue_'
      : 'tblErr_';
  const text = describe(t, lang, prefix, problem);
  return text === null ? problem.message : `${problem.file}: ${text}`;
}
