import { useState } from 'react';
import type { DomainTerm } from '../../core/suggest/terms';
import { useT } from '../i18n';
import { AddRow, RemoveCell } from './AddRow';

/** `a, b ,c` → `['a', 'b', 'c']`: the words of a comma-separated field, empty ones dropped. */
export function commaWords(text: string): string[] {
  return text
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');
}

/**
 * The domain vocabulary as a table: one concept per row with its word stems and exact forms, each
 * editable as a comma-separated list; a row to add a concept. Changes go to the draft only.
 */
export function VocabularyEditor({
  terms,
  used,
  onChange,
}: {
  terms: readonly DomainTerm[];
  /** The concepts this variable's codebook speaks of; the others are not used for it. */
  used: ReadonlySet<string>;
  onChange: (terms: readonly DomainTerm[]) => void;
}) {
  const t = useT();
  const [concept, setConcept] = useState('');
  const [stems, setStems] = useState('');
  const [forms, setForms] = useState('');
  const replace = (i: number, term: DomainTerm) =>
    onChange(terms.map((x, j) => (j === i ? term : x)));
  const canAdd = concept.trim() !== '' && commaWords(stems).length + commaWords(forms).length > 0;
  return (
    <div className="vocabulary" data-testid="rules-vocabulary">
      <p className="muted">{t('rulesVocabularyIntro')}</p>
      <p className="muted">{t('rulesVocabularyCount', { n: terms.length })}</p>
      <div className="abbr-wrap">
        <table className="abbr">
          <thead>
            <tr>
              <th>{t('rulesConcept')}</th>
              <th>
                {t('rulesStems')} <span className="muted">({t('rulesCommaSeparated')})</span>
              </th>
              <th>
                {t('rulesForms')} <span className="muted">({t('rulesCommaSeparated')})</span>
              </th>
              <th />
            </tr>
          </thead>
          <tbody>
            {terms.map((term, i) => (
              <tr
                key={`${term.concept}-${i}`}
                className={used.has(term.concept) ? '' : 'unused-row'}
              >
                <td>
                  <code>{term.concept}</code>
                  {!used.has(term.concept) && (
                    <div
                      className="muted unused"
                      data-testid="term-unused"
                      title={t('rulesUnusedWhy')}
                    >
                      {t('rulesUnusedConcept')}
                    </div>
                  )}
                </td>
                <td>
                  <TermWords
                    words={term.stems}
                    label={`${term.concept}: ${t('rulesStems')}`}
                    onChange={(w) => replace(i, { ...term, stems: w })}
                  />
                </td>
                <td>
                  <TermWords
                    words={term.forms ?? []}
                    label={`${term.concept}: ${t('rulesForms')}`}
                    onChange={(w) => replace(i, { ...term, forms: w })}
                  />
                </td>
                <RemoveCell onRemove={() => onChange(terms.filter((_, j) => j !== i))} />
              </tr>
            ))}
            <AddRow
              fields={[
                { label: t('rulesConcept'), value: concept, onChange: setConcept },
                { label: t('rulesStems'), value: stems, onChange: setStems },
                { label: t('rulesForms'), value: forms, onChange: setForms },
              ]}
              canAdd={canAdd}
              onAdd={() => {
                onChange([
                  ...terms,
                  { concept: concept.trim(), stems: commaWords(stems), forms: commaWords(forms) },
                ]);
                setConcept('');
                setStems('');
                setForms('');
              }}
            />
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A comma-separated list of words, edited as text and applied when the field is left. */
function TermWords({
  words,
  label,
  onChange,
}: {
  words: readonly string[];
  label: string;
  onChange: (words: string[]) => void;
}) {
  const [text, setText] = useState(words.join(', '));
  return (
    <input
      className="term-words"
      value={text}
      aria-label={label}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        const next = commaWords(text);
        setText(next.join(', '));
        if (next.join('\u0000') !== words.join('\u0000')) onChange(next);
      }}
    />
  );
}
