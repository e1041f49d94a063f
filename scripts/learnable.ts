// How many of the engine's zero-shot misses approvals could teach it, by the few-shot split of
// FORMATS.md "Measuring suggestion quality" (rows at even positions approved, odd ones scored):
// per set, the odd rows the engine misses with no decisions, and of those the ones that share a
// word (three letters or more) with an approved value of their own category that no approved
// value of another category has. An upper bound of what learning words from the decisions can
// fix (docs/benchmarks.md, "Fresh sets of stop 14").
//
// The sets: those written apart from the engine since stop 8 (final 10 on, and every other
// codebook's set), as the golden digests read them (test/core/suggest/golden.ts).
//
//   npx tsx scripts/learnable.ts [--only TEXT]

import { chooseProfile } from '../src/core/suggest/choose';
import { createEngine } from '../src/core/suggest/engine';
import { labelledSets } from '../test/core/suggest/golden';

const at = process.argv.indexOf('--only');
const only = at >= 0 ? process.argv[at + 1] : undefined;

const words = (s: string) =>
  new Set((s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3));
const written = (name: string) =>
  name.endsWith('-values') || Number(/^final(\d+)-/u.exec(name)?.[1] ?? 0) >= 10;

let scored = 0;
let missed = 0;
let learnable = 0;
for (const { name, codebook, rows } of labelledSets()) {
  if (!written(name) || (only !== undefined && !name.includes(only))) continue;
  const approved = rows.filter((_, i) => i % 2 === 0);
  const odd = rows.filter((_, i) => i % 2 === 1);
  const engine = createEngine({
    codebook,
    known: new Map(),
    profile: chooseProfile(codebook).profile,
  });
  let setMissed = 0;
  let setLearnable = 0;
  for (const r of odd) {
    if (engine.suggest(r.raw, 1)[0]?.code === r.code) continue;
    setMissed++;
    const distinctive = [...words(r.raw)].some(
      (w) =>
        approved.some((a) => a.code === r.code && words(a.raw).has(w)) &&
        !approved.some((a) => a.code !== r.code && words(a.raw).has(w)),
    );
    if (distinctive) setLearnable++;
  }
  scored += odd.length;
  missed += setMissed;
  learnable += setLearnable;
  console.log(
    `${name.padEnd(22)} scored ${String(odd.length).padStart(3)}  zero-shot misses ${String(setMissed).padStart(2)}  learnable ${setLearnable}`,
  );
}
console.log(`all: scored ${scored}, zero-shot misses ${missed}, learnable ${learnable}`);
