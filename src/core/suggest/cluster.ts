// Clusters of raw values that mean the same thing, so a researcher codes a cluster at once (each
// member still reviewable on its own). Two methods, as OpenRefine offers:
//  - key collision: values with the same fingerprint (normalised form, words de-duplicated and
//    sorted) — `Missbruk barn/ungdom` and `missbruk barn o ungdom` — are certainly the same;
//  - nearest neighbours: fingerprints whose Dice similarity reaches a threshold, through the same
//    index as suggestions. Looser; for review, never applied silently.

import { DiceIndex } from './dice';
import { defaultNormaliseConfig, normaliseValue, type NormaliseConfig } from './normalise';

export interface ValueCluster {
  /** The fingerprint shared by the members (nearest neighbours: the first member's). */
  readonly key: string;
  /** Raw values, in the order given. */
  readonly members: readonly string[];
}

/**
 * OpenRefine's fingerprint on Kodbok's normalised form: word order, repeated words and `och` (which
 * `/`, `o` and `&` also become) do not matter. Unlike OpenRefine it does not fold to ASCII: å, ä
 * and ö are letters of their own.
 */
export function fingerprint(raw: string, config: NormaliseConfig = defaultNormaliseConfig): string {
  const words = normaliseValue(raw, config)
    .toLocaleLowerCase('sv-SE')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && w !== 'och');
  return [...new Set(words)].sort().join(' ');
}

/** Groups values by fingerprint, most members first. Clusters smaller than `minSize` are left out. */
export function clusterByKey(
  values: Iterable<string>,
  options: { readonly config?: NormaliseConfig; readonly minSize?: number } = {},
): ValueCluster[] {
  const config = options.config ?? defaultNormaliseConfig;
  const byKey = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const raw of values) {
    if (seen.has(raw)) continue;
    seen.add(raw);
    const key = fingerprint(raw, config);
    const members = byKey.get(key);
    if (members) members.push(raw);
    else byKey.set(key, [raw]);
  }
  return sortClusters(
    [...byKey].map(([key, members]) => ({ key, members })),
    options.minSize ?? 2,
  );
}

/**
 * Single-linkage clusters of fingerprints whose Dice similarity is at least `threshold` (0 < t ≤ 1);
 * values with the same fingerprint are always together. Each fingerprint is searched once through
 * the bigram index, so the cost grows with the number of close pairs, not with all pairs.
 */
export function clusterByNeighbours(
  values: Iterable<string>,
  options: {
    readonly threshold: number;
    readonly config?: NormaliseConfig;
    readonly minSize?: number;
  },
): ValueCluster[] {
  const { threshold } = options;
  if (!(threshold > 0 && threshold <= 1))
    throw new RangeError('clusterByNeighbours: threshold must be in (0, 1]');
  const byKey = clusterByKey(values, {
    config: options.config ?? defaultNormaliseConfig,
    minSize: 1,
  });
  const index = new DiceIndex();
  byKey.forEach((c, i) => index.add(i, c.key));
  const parent = byKey.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  byKey.forEach((c, i) => {
    for (const hit of index.search(c.key, { minScore: threshold })) {
      const a = find(i);
      const b = find(hit.id);
      // The smaller index becomes the root, so a cluster's key is its largest key cluster's.
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  const groups = new Map<number, string[]>();
  byKey.forEach((c, i) => {
    const root = find(i);
    const members = groups.get(root);
    if (members) members.push(...c.members);
    else groups.set(root, [...c.members]);
  });
  return sortClusters(
    [...groups].map(([root, members]) => ({ key: (byKey[root] as ValueCluster).key, members })),
    options.minSize ?? 2,
  );
}

function sortClusters(clusters: ValueCluster[], minSize: number): ValueCluster[] {
  return clusters
    .filter((c) => c.members.length >= minSize)
    .sort(
      (a, b) => b.members.length - a.members.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}
