import { useState } from 'react';
import { useT } from '../i18n';
import { RawText } from '../RawText';

/**
 * An editable list of words (unit prefixes, unit codes): each shown exactly as written, with a
 * button to remove it, and a field to add one (Enter or the button). Duplicates are not added.
 */
export function WordListEditor({
  label,
  help,
  words,
  onChange,
  testId,
}: {
  label: string;
  help: string;
  words: readonly string[];
  onChange: (words: readonly string[]) => void;
  testId: string;
}) {
  const t = useT();
  const [input, setInput] = useState('');
  const word = input.trim();
  const canAdd = word !== '' && !words.includes(word);
  const add = () => {
    if (!canAdd) return;
    onChange([...words, word]);
    setInput('');
  };
  return (
    <div className="word-list" data-testid={testId}>
      <h3>{label}</h3>
      <p className="muted">{help}</p>
      <ul className="chips">
        {words.map((w) => (
          <li key={w} className="chip">
            <RawText raw={w} />
            <button
              className="chip-remove"
              aria-label={t('rulesRemoveWord', { word: w })}
              title={t('rulesRemoveWord', { word: w })}
              onClick={() => onChange(words.filter((x) => x !== w))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="word-add">
        <input
          value={input}
          placeholder={t('rulesNewWord')}
          aria-label={`${label}: ${t('rulesNewWord')}`}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
        />
        <button disabled={!canAdd} onClick={add}>
          {t('rulesAdd')}
        </button>
      </div>
    </div>
  );
}
