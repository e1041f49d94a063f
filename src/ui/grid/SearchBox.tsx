import { useEffect, useRef, useState } from 'react';

interface SearchBoxProps {
  /** The search in the stored view (cleared by "Rensa filter", restored with the project). */
  readonly value: string;
  /** Filters the grid: called after the typed text has been painted, with the latest text. */
  readonly onSearch: (text: string) => void;
  readonly placeholder: string;
  readonly label: string;
  /**
   * ms of no typing before the grid is filtered (0: after each key's paint). A big grid takes
   * longer to filter than the gap between two typed keys: filtering on every key there made the
   * next key wait for it.
   */
  readonly settleMs?: number;
}

/**
 * The grid's search box. A keystroke paints the typed text at once; the grid is filtered in the
 * next task after that paint (or, for a big grid, once typing pauses), with whatever text the box
 * holds by then. Filtering 50 000 rows
 * takes longer than a frame, and done inside the key's event it made every key wait for it
 * (328 ms from key to screen at 50 000 values); now a key never waits for the filter of the
 * key before it to start, and keys typed faster than the grid filters are filtered once.
 */
export function SearchBox({ value, onSearch, placeholder, label, settleMs = 0 }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const latest = useRef(value);
  /** The text last handed to onSearch: a `value` that differs came from elsewhere. */
  const sent = useRef(value);
  const scheduled = useRef<number | null>(null);
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;

  useEffect(() => {
    if (value === sent.current) return;
    // Changed from outside (filters cleared, another variable's view): show it.
    sent.current = value;
    latest.current = value;
    setText(value);
  }, [value]);

  // Gone before the filter ran (another variable's grid): the text goes nowhere.
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (scheduled.current !== null) cancelAnimationFrame(scheduled.current);
      if (settle.current !== null) clearTimeout(settle.current);
      scheduled.current = null;
    };
  }, []);

  /** Hands the latest text to the grid, unless it already has it or the box is gone. */
  const commit = () => {
    if (!alive.current || latest.current === sent.current) return;
    sent.current = latest.current;
    onSearchRef.current(latest.current);
  };

  return (
    <input
      type="search"
      className="quick"
      placeholder={placeholder}
      aria-label={label}
      value={text}
      onChange={(e) => {
        latest.current = e.target.value;
        setText(e.target.value);
        if (settleMs > 0) {
          if (settle.current !== null) clearTimeout(settle.current);
          settle.current = setTimeout(() => {
            settle.current = null;
            commit();
          }, settleMs);
          return;
        }
        if (scheduled.current !== null) return;
        // After the next paint (a frame, then a task), with the text typed by then.
        scheduled.current = requestAnimationFrame(() => {
          setTimeout(() => {
            scheduled.current = null;
            commit();
          }, 0);
        });
      }}
    />
  );
}
