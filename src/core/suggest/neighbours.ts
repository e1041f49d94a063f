// The team's decisions as the engine searches them: known values indexed by their match text
// (features.ts). Many raw values share one match text — `B/U Missbruk barnet 0-12 år` and
// `Missbruk barnet` are both `missbruk` — so each text is indexed once, and the values under it that
// would score alike (same code, weight, owner, negation) form one group. A thousand approvals of
// `Missbruk` cost one index entry and one score per suggestion, not a thousand.

import { DiceIndex, type DiceHit, type DiceProfile } from './dice';

/** What the engine needs of a known value to score it. */
export interface NeighbourTarget {
  readonly code: string;
  /** Raw value: orders equal matches the same way whatever order they were learnt in. */
  readonly key: string;
  /** Values with the same signature score alike against any value. */
  readonly signature: string;
}

/** Known values with the same match text and signature: scored once, counted as `size` matches. */
export interface NeighbourGroup<T extends NeighbourTarget> {
  /** The member with the smallest key: it names the match (`via`). */
  readonly first: T;
  readonly size: number;
}

export interface NeighbourHit<T extends NeighbourTarget> {
  readonly hit: DiceHit;
  readonly groups: readonly NeighbourGroup<T>[];
}

interface Entry<T extends NeighbourTarget> {
  readonly text: string;
  /** signature → raw → target */
  readonly groups: Map<string, Map<string, T>>;
  /** Cached summary of `groups`; undefined when a learn or forget changed them. */
  summary: NeighbourGroup<T>[] | undefined;
}

export class NeighbourIndex<T extends NeighbourTarget> {
  private readonly index = new DiceIndex();
  private readonly entries: (Entry<T> | undefined)[] = [];
  private readonly slotOfText = new Map<string, number>();
  private readonly slotOfRaw = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly tieBreak = (a: number, b: number): number => {
    const ta = (this.entries[a] as Entry<T>).text;
    const tb = (this.entries[b] as Entry<T>).text;
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  };

  /** Number of distinct match texts indexed. */
  get texts(): number {
    return this.index.size;
  }

  /** Adds or replaces the known value `raw`, matched as `matchText`. */
  set(raw: string, matchText: string, target: T): void {
    this.delete(raw);
    let slot = this.slotOfText.get(matchText);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.entries.length;
      this.entries[slot] = { text: matchText, groups: new Map(), summary: undefined };
      this.slotOfText.set(matchText, slot);
      this.index.add(slot, matchText);
    }
    const entry = this.entries[slot] as Entry<T>;
    let group = entry.groups.get(target.signature);
    if (!group) entry.groups.set(target.signature, (group = new Map()));
    group.set(raw, target);
    entry.summary = undefined;
    this.slotOfRaw.set(raw, slot);
  }

  /** The match text `raw` is known under, if it is known. */
  textOf(raw: string): string | undefined {
    const slot = this.slotOfRaw.get(raw);
    return slot === undefined ? undefined : this.entries[slot]?.text;
  }

  delete(raw: string): void {
    const slot = this.slotOfRaw.get(raw);
    if (slot === undefined) return;
    this.slotOfRaw.delete(raw);
    const entry = this.entries[slot] as Entry<T>;
    for (const [signature, group] of entry.groups) {
      if (!group.delete(raw)) continue;
      if (group.size === 0) entry.groups.delete(signature);
      break;
    }
    entry.summary = undefined;
    if (entry.groups.size === 0) {
      this.index.remove(slot);
      this.entries[slot] = undefined;
      this.slotOfText.delete(entry.text);
      this.free.push(slot);
    }
  }

  /** The `limit` match texts most similar to `query` (Dice ≥ `minScore`), with their groups. */
  search(query: DiceProfile, minScore: number, limit: number): NeighbourHit<T>[] {
    if (this.index.size === 0) return [];
    return this.index.search(query, { minScore, limit, tieBreak: this.tieBreak }).map((hit) => ({
      hit,
      groups: this.summarise(this.entries[hit.id] as Entry<T>),
    }));
  }

  private summarise(entry: Entry<T>): NeighbourGroup<T>[] {
    if (entry.summary) return entry.summary;
    const summary: NeighbourGroup<T>[] = [];
    for (const group of entry.groups.values()) {
      let first: T | undefined;
      for (const target of group.values()) if (!first || target.key < first.key) first = target;
      if (first) summary.push({ first, size: group.size });
    }
    entry.summary = summary;
    return summary;
  }
}
