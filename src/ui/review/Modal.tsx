import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  readonly label: string;
  /** Escape, or a click outside; absent where the dialog must be answered. */
  readonly onCancel?: () => void;
  readonly children: ReactNode;
  readonly testId?: string;
  /** Another class beside `modal` (a wider dialog). */
  readonly className?: string;
}

/**
 * A modal of the review: closes on Escape and on a click outside, and gives the focus back to
 * where it came from (the grid row), so that the keyboard flow goes on.
 */
export function Modal({ label, onCancel, children, testId, className }: Props) {
  const cameFrom = useRef<Element | null>(null);
  useEffect(() => {
    cameFrom.current = document.activeElement;
    return () => {
      const back = cameFrom.current;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, []);
  // Escape closes also when the focus left the dialog (a button that went away, the page).
  useEffect(() => {
    if (!onCancel) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      onCancel();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onCancel]);
  return (
    <div className="modal-backdrop" onMouseDown={onCancel}>
      <div
        className={className ? `modal ${className}` : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        data-testid={testId}
        onMouseDown={(e) => e.stopPropagation()}
      >
        {children}
      </div>
    </div>
  );
}
