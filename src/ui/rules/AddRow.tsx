import { useT } from '../i18n';

export interface AddField {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/** The last row of an editable table: one input per column and an Add button. */
export function AddRow({
  fields,
  canAdd,
  onAdd,
}: {
  fields: readonly AddField[];
  canAdd: boolean;
  onAdd: () => void;
}) {
  const t = useT();
  return (
    <tr>
      {fields.map((f) => (
        <td key={f.label}>
          <input
            value={f.value}
            onChange={(e) => f.onChange(e.target.value)}
            aria-label={f.label}
          />
        </td>
      ))}
      <td>
        <button disabled={!canAdd} onClick={onAdd}>
          {t('rulesAdd')}
        </button>
      </td>
    </tr>
  );
}

/** The last cell of an editable table's row: a button that removes the row. */
export function RemoveCell({ onRemove }: { onRemove: () => void }) {
  const t = useT();
  return (
    <td>
      <button onClick={onRemove}>{t('rulesRemove')}</button>
    </td>
  );
}
