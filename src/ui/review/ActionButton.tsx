import { useApp, useReview } from '../../state/app';
import type { Action } from '../actions';
import { useT } from '../i18n';
import { stepLabel } from './format';

interface Props {
  readonly action: Action;
  readonly onRun: () => void;
}

/**
 * A toolbar button of the action registry. Undo and redo name what they would take back or do
 * again, its author and time ("Ångra: Godkänn 10 värden (AL, 5 dec 19:12)"), and are off when
 * there is nothing to do.
 */
export function ActionButton({ action, onRun }: Props) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const step = useReview((s) =>
    action.name === 'undo' ? s.steps.undo : action.name === 'redo' ? s.steps.redo : undefined,
  );
  // The button keeps its short name (its accessible name); the title names the step.
  const label = t(action.label);
  const named =
    (action.name === 'undo' || action.name === 'redo') && step
      ? stepLabel(t, lang, action.name, step)
      : label;
  return (
    <button
      className={action.tone ? `btn-${action.tone}` : undefined}
      data-action={action.name}
      title={`${named} (${action.shortcut})`}
      disabled={step === null}
      onClick={onRun}
    >
      {label}
    </button>
  );
}
