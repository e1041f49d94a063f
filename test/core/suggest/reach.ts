// What a change reaches: after each batch of learns and forgets, every probe is suggested as an
// engine rebuilt from the decisions would suggest it, a probe not reported by `affected()` exactly
// as before, and only probes (values asked for) are reported.
import fc from 'fast-check';
import { expect } from 'vitest';
import { createEngine, type KnownValue } from '../../../src/core/suggest/engine';
import type { Codebook } from '../../../src/core/types';

export type Op =
  | { readonly kind: 'learn'; readonly raw: string; readonly known: KnownValue }
  | { readonly kind: 'forget'; readonly raw: string };

/** Learns and forgets of values in `pool`, with decisions as `knownValue` draws them. */
export const opsOf = (pool: readonly string[], knownValue: fc.Arbitrary<KnownValue>) =>
  fc.oneof(
    fc.record({
      kind: fc.constant('learn' as const),
      raw: fc.constantFrom(...pool),
      known: knownValue,
    }),
    fc.record({ kind: fc.constant('forget' as const), raw: fc.constantFrom(...pool) }),
  ) as fc.Arbitrary<Op>;

export function checkWhatAChangeReaches(
  codebook: Codebook,
  probes: readonly string[],
  op: fc.Arbitrary<Op>,
  options: { readonly k: number; readonly batches: number; readonly numRuns: number },
): void {
  const { k } = options;
  fc.assert(
    fc.property(
      fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { maxLength: options.batches }),
      (batches) => {
        const engine = createEngine({ codebook, known: new Map() });
        const known = new Map<string, KnownValue>();
        let before = new Map(probes.map((p) => [p, engine.suggest(p, k)]));
        for (const batch of batches) {
          for (const o of batch) {
            if (o.kind === 'learn') {
              engine.learn(o.raw, o.known);
              known.set(o.raw, o.known);
            } else {
              engine.forget(o.raw);
              known.delete(o.raw);
            }
          }
          const moved = new Set(engine.affected());
          const rebuilt = createEngine({ codebook, known });
          const after = new Map(probes.map((p) => [p, engine.suggest(p, k)]));
          for (const p of probes) {
            expect(after.get(p)).toEqual(rebuilt.suggest(p, k));
            if (!moved.has(p)) expect(after.get(p), p).toEqual(before.get(p));
          }
          for (const raw of moved) expect(probes).toContain(raw);
          before = after;
        }
      },
    ),
    { numRuns: options.numRuns },
  );
}
