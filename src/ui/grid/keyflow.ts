// The keyboard flow of the values grid (issue 9 item 2): every key that moves or acts is queued
// and handled in the order pressed, also while a save runs, and focus follows raw values, not
// row indexes, so a filter that drops a decided row or a sort that moves it never makes the next
// ↓ skip a value.

/** What the flow needs of the grid: the displayed order and its focus. */
export interface FlowGrid {
  /** The raw value of the row the grid has focused, if any. */
  focusedRaw(): string | null;
  /** The displayed index of a raw value, or null when it is not shown. */
  indexOf(raw: string): number | null;
  /** The raw value shown at a displayed index. */
  rawAt(index: number): string | undefined;
  /** Focuses (and scrolls to) a displayed row, in the focused column. */
  focusIndex(index: number): void;
}

export type FlowItem =
  | { readonly kind: 'move'; readonly delta: 1 | -1 }
  | {
      readonly kind: 'act';
      /** Does the work on the raw values the action applies to; the flow waits for it. */
      readonly run: (raws: readonly string[]) => Promise<unknown>;
    };

/** Where ↓ and ↑ go after an action on the focused row: the rows that stood beside it then. */
interface Anchor {
  readonly from: string;
  readonly below: string | undefined;
  readonly above: string | undefined;
}

export class KeyFlow {
  private readonly queue: FlowItem[] = [];
  private running: Promise<void> | null = null;
  /** The focused raw value as the flow knows it; null: read it from the grid. */
  private cursor: string | null = null;
  private anchor: Anchor | null = null;
  /**
   * Values decided from the focused row stay in a filtered view until the filters change
   * (with the status filter on _Okodad_ a coded row would otherwise vanish under the focus).
   */
  readonly kept = new Set<string>();

  constructor(
    private readonly grid: FlowGrid,
    /** The ticked rows: an action applies to them, else to the focused row. */
    private readonly selection: () => readonly string[],
  ) {}

  /** The raw value an action or a move starts from. */
  current(): string | null {
    // A value no longer shown (another variable's grid, a change from another tab): the grid's
    // own focus is the truth again.
    if (this.cursor !== null && this.grid.indexOf(this.cursor) !== null) return this.cursor;
    return this.grid.focusedRaw() ?? this.cursor;
  }

  /** Focus was moved by other means (a click, Page Down, Home): follow the grid from now on. */
  resync(): void {
    this.cursor = null;
    this.anchor = null;
  }

  /** The filters changed: decided rows no longer need to stay in view. */
  releaseKept(): void {
    this.kept.clear();
  }

  push(item: FlowItem): void {
    this.queue.push(item);
    this.running ??= this.drain();
  }

  /** Resolves when every queued key has been handled. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Puts the grid's focus back on the flow's row (after a dialog closed). */
  refocus(): void {
    const raw = this.current();
    const i = raw === null ? null : this.grid.indexOf(raw);
    if (i !== null) this.grid.focusIndex(i);
  }

  /**
   * The grid's rows changed (a save came back, a re-sort): keep the focus on the flow's value,
   * wherever its row went, instead of on the index it had.
   */
  follow(): void {
    const raw = this.cursor;
    if (raw === null || this.grid.focusedRaw() === raw) return;
    const i = this.grid.indexOf(raw);
    if (i !== null) this.grid.focusIndex(i);
  }

  private async drain(): Promise<void> {
    // Start on a microtask: `running` must be set before the loop can finish and clear it.
    await Promise.resolve();
    try {
      for (let item = this.queue.shift(); item; item = this.queue.shift()) {
        if (item.kind === 'move') this.move(item.delta);
        // An action's failure is reported by the action itself; the keys after it still run.
        else await this.act(item.run).catch(() => undefined);
      }
    } finally {
      this.running = null;
    }
  }

  private move(delta: 1 | -1): void {
    const from = this.current();
    if (from === null) return;
    let to: string | undefined;
    const anchor = this.anchor;
    this.anchor = null;
    if (anchor && anchor.from === from) {
      to = delta > 0 ? anchor.below : anchor.above;
      if (to !== undefined && this.grid.indexOf(to) === null) to = undefined;
    }
    if (to === undefined) {
      const i = this.grid.indexOf(from);
      to = i === null ? undefined : this.grid.rawAt(i + delta);
    }
    if (to === undefined) return;
    this.cursor = to;
    const i = this.grid.indexOf(to);
    if (i !== null) this.grid.focusIndex(i);
  }

  private async act(run: (raws: readonly string[]) => Promise<unknown>): Promise<void> {
    const selected = this.selection();
    if (selected.length > 0) {
      await run(selected);
      return;
    }
    const raw = this.current();
    if (raw === null) {
      await run([]);
      return;
    }
    // The neighbours are taken before the first action on this row: a later action on the same
    // row (Enter, then A) must not take them from where a re-sort has moved it.
    if (this.anchor?.from !== raw) {
      const i = this.grid.indexOf(raw);
      this.anchor = {
        from: raw,
        below: i === null ? undefined : this.grid.rawAt(i + 1),
        above: i === null ? undefined : this.grid.rawAt(i - 1),
      };
    }
    this.cursor = raw;
    this.kept.add(raw);
    await run([raw]);
  }
}
