import { useState } from 'react';
import { groupCodes } from '../../core/codebook';
import type { CodebookEdit } from '../../core/codebook-edit';
import type { Category, Codebook } from '../../core/types';
import { notify } from '../../state/app';
import { editCurrentCodebook } from '../../state/codebook';
import type { MessageKey } from '../../i18n';
import type { T } from '../i18n';
import { draftOf, fieldsOf, pairs, type FieldDraft } from './fields';

interface Props {
  readonly codebook: Codebook;
  readonly category: Category;
  readonly t: T;
  readonly onDone: () => void;
}

const TEXTS: readonly { key: keyof FieldDraft; label: MessageKey; rows?: number }[] = [
  { key: 'code', label: 'cbCode' },
  { key: 'label', label: 'cbLabel' },
  { key: 'definition', label: 'definition', rows: 3 },
  { key: 'include', label: 'include', rows: 2 },
  { key: 'exclude', label: 'exclude', rows: 2 },
  { key: 'synonyms', label: 'cbSynonymsHelp', rows: 3 },
  { key: 'crosswalk', label: 'cbCrosswalk', rows: 2 },
];

/**
 * One category in the editor: its own fields (code, label, definition, inclusions, exclusions,
 * synonyms, crosswalk) and what changes its place in the codebook (move, merge, split,
 * deprecate, delete). Every button is one recorded, undoable action.
 */
export function CategoryEditor({ codebook, category, t, onDone }: Props) {
  const [draft, setDraft] = useState<FieldDraft>(() => draftOf(category));
  const [parent, setParent] = useState('');
  const [into, setInto] = useState('');
  const [splitText, setSplitText] = useState('');
  const groups = groupCodes(codebook);
  const isLeaf = !groups.has(category.code);
  const others = codebook.categories.filter((c) => c.code !== category.code);
  const run = async (edit: CodebookEdit) => {
    if (await editCurrentCodebook(edit)) onDone();
  };
  const save = () => {
    const read = fieldsOf(draft);
    if (!read.ok)
      notify(
        read.twice === undefined
          ? t('cbCrosswalkBad', { n: read.line })
          : t('cbCrosswalkTwice', { n: read.line, id: read.twice }),
        'error',
      );
    else void run({ kind: 'edit', code: category.code, fields: read.fields });
  };
  const split = () => {
    const read = pairs(splitText);
    if (!read.ok) notify(t('cbSplitBad', { n: read.line }), 'error');
    else
      void run({
        kind: 'split',
        code: category.code,
        into: read.pairs.map(([code, label]) => ({ code, label })),
      });
  };
  return (
    <div className="cb-editor" data-testid="cb-editor">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        {TEXTS.map(({ key, label, rows }) => (
          <label key={key} className="stack">
            {t(label)}
            {rows ? (
              <textarea
                rows={rows}
                value={draft[key]}
                onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
                data-testid={`cb-field-${key}`}
              />
            ) : (
              <input
                value={draft[key]}
                onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
                data-testid={`cb-field-${key}`}
              />
            )}
          </label>
        ))}
        <FormButtons t={t} onCancel={onDone} testId="cb-save" />
      </form>
      <div className="cb-op">
        <select
          aria-label={t('cbMoveTo')}
          value={parent}
          onChange={(e) => setParent(e.target.value)}
          data-testid="cb-move-to"
        >
          <option value="">{t('cbMoveTo')}…</option>
          <option value="\u0000top">{t('cbTop')}</option>
          <CategoryOptions categories={others} />
        </select>
        <button
          disabled={parent === ''}
          onClick={() =>
            void run({
              kind: 'move',
              code: category.code,
              parent: parent === '\u0000top' ? null : parent,
            })
          }
          data-testid="cb-move"
        >
          {t('cbMove')}
        </button>
      </div>
      {isLeaf && (
        <>
          <div className="cb-op">
            <select
              aria-label={t('cbMergeInto')}
              value={into}
              onChange={(e) => setInto(e.target.value)}
              data-testid="cb-merge-into"
            >
              <option value="">{t('cbMergeInto')}…</option>
              <CategoryOptions
                categories={others.filter((c) => !groups.has(c.code) && !c.deprecated)}
              />
            </select>
            <button
              disabled={into === ''}
              onClick={() => void run({ kind: 'merge', from: category.code, into })}
              data-testid="cb-merge"
            >
              {t('cbMerge')}
            </button>
          </div>
          <label className="stack">
            {t('cbSplitHelp')}
            <textarea
              rows={2}
              value={splitText}
              onChange={(e) => setSplitText(e.target.value)}
              data-testid="cb-split-text"
            />
          </label>
          <div className="cb-op">
            <button disabled={splitText.trim() === ''} onClick={split} data-testid="cb-split">
              {t('cbSplit')}
            </button>
            <button
              onClick={() =>
                void run({
                  kind: 'deprecate',
                  code: category.code,
                  deprecated: !category.deprecated,
                })
              }
              data-testid="cb-deprecate"
            >
              {category.deprecated ? t('cbUndeprecate') : t('cbDeprecate')}
            </button>
            <button
              className="btn-danger"
              onClick={() => void run({ kind: 'delete', code: category.code })}
              data-testid="cb-delete"
            >
              {t('cbDelete')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** A new category: code, label and the group it goes in. */
export function NewCategory({ codebook, t, onDone }: Omit<Props, 'category'>) {
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [parent, setParent] = useState('');
  return (
    <form
      className="cb-editor"
      data-testid="cb-new-form"
      onSubmit={(e) => {
        e.preventDefault();
        void editCurrentCodebook({
          kind: 'add',
          category: { code, label, parent: parent === '' ? null : parent },
        }).then((ok) => ok && onDone());
      }}
    >
      <label className="stack">
        {t('cbCode')}
        <input value={code} onChange={(e) => setCode(e.target.value)} data-testid="cb-new-code" />
      </label>
      <label className="stack">
        {t('cbLabel')}
        <input
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          data-testid="cb-new-label"
        />
      </label>
      <label className="stack">
        {t('cbParent')}
        <select
          value={parent}
          onChange={(e) => setParent(e.target.value)}
          data-testid="cb-new-parent"
        >
          <option value="">{t('cbTop')}</option>
          <CategoryOptions categories={codebook.categories} />
        </select>
      </label>
      <FormButtons t={t} onCancel={onDone} testId="cb-new-save" />
    </form>
  );
}

function CategoryOptions({ categories }: { categories: readonly Category[] }) {
  return (
    <>
      {categories.map((c) => (
        <option key={c.code} value={c.code}>
          {c.code} {c.label}
        </option>
      ))}
    </>
  );
}

/** Cancel and save (submits the form). */
function FormButtons({ t, onCancel, testId }: { t: T; onCancel: () => void; testId: string }) {
  return (
    <div className="modal-actions">
      <button type="button" onClick={onCancel}>
        {t('cbCancel')}
      </button>
      <button type="submit" className="btn-primary" data-testid={testId}>
        {t('cbSave')}
      </button>
    </div>
  );
}
