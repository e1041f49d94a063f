import { useRef, useState } from 'react';
import { readProfileBytes, writeProfileFile } from '../../core/formats/profile';
import { MAX_JSON_SIZE } from '../../core/formats/json';
import type { FormatError } from '../../core/formats/result';
import { WORD_CLASSES, type WordClassName } from '../../core/suggest/language';
import { builtInProfile, type SuggestProfile } from '../../core/suggest/profile';
import { useApp } from '../../state/app';
import { download, safeName } from '../download';
import { describeFormatError, tooLargeError } from '../format-error';
import { useT } from '../i18n';
import { WordListEditor } from './WordListEditor';

/**
 * Start from a built-in profile, export the draft as a `kodbok/profile` file, or read one into the
 * draft: an imported profile is shown in the panel and only used once saved, like any edit.
 */
export function ProfileActions({
  profile,
  variableLabel,
  onLoad,
}: {
  profile: SuggestProfile;
  variableLabel: string;
  onLoad: (profile: SuggestProfile) => void;
}) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const input = useRef<HTMLInputElement>(null);
  const [report, setReport] = useState<
    | { kind: 'read'; file: string }
    | { kind: 'refused'; file: string; errors: readonly FormatError[] }
    | null
  >(null);

  const read = async (f: File) => {
    if (f.size > MAX_JSON_SIZE)
      return setReport({
        kind: 'refused',
        file: f.name,
        errors: [tooLargeError(f.size, MAX_JSON_SIZE)],
      });
    // Bytes, not f.text(): a file that is not UTF-8 is refused, never read as lossy UTF-8.
    const result = readProfileBytes(new Uint8Array(await f.arrayBuffer()));
    if (!result.ok) return setReport({ kind: 'refused', file: f.name, errors: result.errors });
    onLoad(result.value);
    setReport({ kind: 'read', file: f.name });
  };

  return (
    <div className="profile-actions">
      <button onClick={() => onLoad(builtInProfile('sv-barn-och-unga'))}>{t('rulesReset')}</button>
      <button data-testid="profile-neutral" onClick={() => onLoad(builtInProfile('neutral'))}>
        {t('profileNeutral')}
      </button>
      <button data-testid="profile-english" onClick={() => onLoad(builtInProfile('en'))}>
        {t('profileEnglish')}
      </button>
      <button
        data-testid="profile-export"
        onClick={() => {
          const name = `${safeName(variableLabel)}-profile.json`;
          download(name, writeProfileFile(profile), 'application/json');
          setReport(null);
        }}
      >
        {t('profileExport')}
      </button>
      <button data-testid="profile-import" onClick={() => input.current?.click()}>
        {t('profileImport')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="profile-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void read(f);
        }}
      />
      {report?.kind === 'read' && (
        <p className="muted" role="status" data-testid="profile-read">
          {t('profileRead', { file: report.file })}
        </p>
      )}
      {report?.kind === 'refused' && (
        <div role="alert" className="error" data-testid="profile-refused">
          <p>{t('profileRefused', { file: report.file })}</p>
          <ul>
            {report.errors.slice(0, 10).map((e, i) => (
              <li key={i}>
                {e.path && <code>{e.path}</code>} {describeFormatError(t, lang, e)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The reading's word classes (persons, negations, prepositions …), one list at a time. */
export function WordClassEditor({
  profile,
  onChange,
}: {
  profile: SuggestProfile;
  onChange: (profile: SuggestProfile) => void;
}) {
  const t = useT();
  const [cls, setCls] = useState<WordClassName>('negation');
  return (
    <div className="units profile-words" data-testid="profile-words">
      <p className="muted">{t('profileWordsIntro')}</p>
      <label>
        {t('profileWordClass')}{' '}
        <select
          value={cls}
          data-testid="profile-word-class"
          onChange={(e) => setCls(e.target.value as WordClassName)}
        >
          {WORD_CLASSES.map((c) => (
            <option key={c} value={c}>
              {c} ({(profile.words[c] ?? []).length})
            </option>
          ))}
        </select>
      </label>
      <WordListEditor
        key={cls}
        label={cls}
        help={t('profileWordClassHelp')}
        words={profile.words[cls] ?? []}
        onChange={(words) => onChange({ ...profile, words: { ...profile.words, [cls]: words } })}
        testId="profile-word-list"
      />
    </div>
  );
}
