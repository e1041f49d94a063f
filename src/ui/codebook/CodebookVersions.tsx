import { useMemo, useState } from 'react';
import { editCode } from '../../core/codebook-edit';
import {
  diffVersions,
  writeDiffFile,
  type CodebookDiff,
  type CodebookVersion,
} from '../../core/codebook-versions';
import type { Codebook } from '../../core/types';
import type { Language } from '../../i18n';
import { download, safeName } from '../download';
import type { T } from '../i18n';
import { formatWhen } from '../review/format';

interface Props {
  readonly codebook: Codebook;
  readonly versions: readonly CodebookVersion[];
  readonly t: T;
  readonly lang: Language;
}

/** What made a version, as the person knows it: "Slå ihop H01 med H02", "ångrade version 3". */
function causeText(t: T, v: CodebookVersion): string {
  const c = v.cause;
  switch (c.kind) {
    case 'edit':
      return t(`cbEdit_${c.edit.kind}`, {
        code: editCode(c.edit),
        into: c.edit.kind === 'merge' ? c.edit.into : '',
      });
    case 'undo':
    case 'redo':
      return t(c.kind === 'undo' ? 'cbCause_undo' : 'cbCause_redo', { v: c.version });
    default:
      return t(c.kind === 'first' ? 'cbCause_first' : 'cbCause_import');
  }
}

/** The versions of the codebook, newest first, and the difference between two of them. */
export function CodebookVersions({ codebook, versions, t, lang }: Props) {
  const newest = versions[versions.length - 1]?.number ?? 1;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const a = from ?? Math.max(1, newest - 1);
  const b = to ?? newest;
  const diff = useMemo(() => diffVersions(versions, a, b), [versions, a, b]);
  const pick = (value: number, set: (n: number) => void, label: string, testId: string) => (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => set(Number(e.target.value))}
      data-testid={testId}
    >
      {versions.map((v) => (
        <option key={v.number} value={v.number}>
          {v.number}
        </option>
      ))}
    </select>
  );
  return (
    <section className="cb-versions" data-testid="cb-versions">
      <h3>{t('cbVersions')}</h3>
      {versions.length === 0 ? (
        <p className="muted">{t('cbVersionNone')}</p>
      ) : (
        <ul className="cb-version-list">
          {[...versions].reverse().map((v) => (
            <li key={v.number} data-testid="cb-version">
              {t('cbVersionLine', { n: v.number, time: formatWhen(lang, v.at), by: v.by })} —{' '}
              {causeText(t, v)}
            </li>
          ))}
        </ul>
      )}
      {versions.length > 1 && (
        <>
          <div className="cb-op">
            {t('cbCompare')} {pick(a, setFrom, t('cbCompare'), 'cb-diff-from')} {t('cbCompareWith')}{' '}
            {pick(b, setTo, t('cbCompareWith'), 'cb-diff-to')}
          </div>
          {diff && <DiffView diff={diff} t={t} />}
          {diff && (
            <button
              onClick={() =>
                download(
                  `${safeName(codebook.id)}-diff-${diff.from}-${diff.to}.json`,
                  writeDiffFile(codebook, diff),
                )
              }
              data-testid="cb-diff-download"
            >
              {t('cbDiffDownload')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** The difference, one list per kind of change; nothing when nothing changed. */
function DiffView({ diff, t }: { diff: CodebookDiff; t: T }) {
  const parts: [string, string[]][] = [
    [t('cbDiffAdded'), diff.added.map((c) => `${c.code} ${c.label}`)],
    [t('cbDiffRemoved'), diff.removed.map((c) => `${c.code} ${c.label}`)],
    [
      t('cbDiffRenamed'),
      diff.renamed.map((r) => `${r.oldCode} ${r.oldLabel} → ${r.code} ${r.label}`),
    ],
    [
      t('cbDiffMoved'),
      diff.moved.map((m) => `${m.code}: ${m.oldParent ?? t('cbTop')} → ${m.parent ?? t('cbTop')}`),
    ],
    [t('cbDiffMerged'), diff.merged.map((m) => `${m.code} → ${m.into}`)],
    [t('cbDiffSplit'), diff.split.map((s) => `${s.code} → ${s.into.join(', ')}`)],
    [
      t('cbDiffChanged'),
      diff.changed.map((c) => `${c.code}: ${c.fields.map((f) => t(`cbField_${f}`)).join(', ')}`),
    ],
  ];
  const shown = parts.filter(([, items]) => items.length > 0);
  if (shown.length === 0) return <p className="muted">{t('cbDiffNone')}</p>;
  return (
    <dl className="cb-diff" data-testid="cb-diff">
      {shown.map(([title, items]) => (
        <div key={title}>
          <dt>{title}</dt>
          {items.map((i) => (
            <dd key={i}>{i}</dd>
          ))}
        </div>
      ))}
    </dl>
  );
}
