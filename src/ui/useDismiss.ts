import { useEffect, useRef, type RefObject } from 'react';

/**
 * Every menu and dialog closes on Escape and on a click outside it (issue 9 item 8), and gives
 * focus back to where it was when it opened (a grid row, a menu button), when that is still
 * on the page and nothing else took it.
 */
export function useDismiss(
  box: RefObject<HTMLElement | null>,
  onClose: () => void,
  /** False while the element is closed (a menu that stays mounted). */
  open = true,
): void {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      // Only the innermost open box closes on one Escape.
      const boxes = document.querySelectorAll('[data-dismiss]');
      if (boxes[boxes.length - 1] !== box.current) return;
      e.preventDefault();
      close.current();
    };
    const onDown = (e: MouseEvent) => {
      const el = box.current;
      if (!el || !(e.target instanceof Node) || el.contains(e.target)) return;
      // A click inside a box opened later (a nested dialog) is not outside this one.
      const boxes = [...document.querySelectorAll('[data-dismiss]')];
      if (boxes.indexOf(el) < boxes.length - 1) return;
      close.current();
    };
    const self = box.current;
    self?.setAttribute('data-dismiss', '');
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
      self?.removeAttribute('data-dismiss');
      const now = document.activeElement;
      if (before?.isConnected && (now === null || now === document.body)) before.focus();
    };
    // The box element is stable for the life of the dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
}
