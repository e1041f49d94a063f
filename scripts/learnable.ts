// How many of the engine's zero-shot misses approvals could teach it, by the few-shot split of
// FORMATS.md "Measuring suggestion quality" (rows at even positions approved, odd ones scored):
// per set, the odd rows the engine misses with no decisions, and of those the ones that share a
// word (three letters or more) with an approved value of their own category that no approved
// value of another category has. An upper bound of what learning words from the decisions can
// fix (docs/benchmarks.md, "Fresh sets of stop 14").
//
//   npx tsx scripts/learnable.ts [--only TEXT]

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chooseProfile } from '../src/core/suggest/choose';
import { createEngine } from '../src/core/suggest/engine';
import type { Codebook } from '../src/core/types';

const repo = resolve(import.meta.dirname, '..');
const fixtures = join(repo, 'test/fixtures/suggest');
const devSet = resolve(repo, '../shared/dev-set');
const only = process.argv.includes('--only')
  ? process.argv[process.argv.indexOf('--only') + 1]
  : undefined;

const readJson = (path: string): Codebook => JSON.parse(readFileSync(path, 'utf8')) as Codebook;
function rows(path: string): { raw: string; code: string }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [raw = '', code = ''] = l.split('\t');
      return { raw, code: code.trim() };
    });
}
const words = (s: string) =>
  new Set((s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3));

const orsak = readJson(join(devSet, 'orsak_codebook.json'));
const atgard = readJson(join(devSet, 'atgard_codebook.json'));
const sets: [string, Codebook, string][] = [];
for (let n = 10; n <= 19; n++) {
  sets.push([`final ${n} reasons`, orsak, join(fixtures, `final${n}-orsak.tsv`)]);
  sets.push([`final ${n} actions`, atgard, join(fixtures, `final${n}-atgard.tsv`)]);
}
for (const name of ['insats', 'english', 'bistand', 'placering', 'needs', 'insatser2', 'school'])
  sets.push([
    name,
    readJson(join(fixtures, `${name}-codebook.json`)),
    join(fixtures, `${name}-values.tsv`),
  ]);
for (const name of ['avslut', 'adultcare', 'anmalare', 'exclusion', 'bostad', 'disability'])
  sets.push([
    name,
    readJson(join(fixtures, `${name}-codebook.json`)),
    join(fixtures, `${name}-values.tsv`),
  ]);
for (const name of [
  'skola',
  'homeless',
  'vald',
  'placement',
  'drog',
  'safeguarding',
  'syssel',
  'camhs',
])
  sets.push([
    name,
    readJson(join(fixtures, `${name}-codebook.json`)),
    join(fixtures, `${name}-values.tsv`),
  ]);

let scored = 0;
let missed = 0;
let learnable = 0;
for (const [name, codebook, path] of sets) {
  if (only !== undefined && !name.includes(only)) continue;
  const all = rows(path);
  const approved = all.filter((_, i) => i % 2 === 0);
  const engine = createEngine({
    codebook,
    known: new Map(),
    profile: chooseProfile(codebook).profile,
  });
  let setMissed = 0;
  let setLearnable = 0;
  const odd = all.filter((_, i) => i % 2 === 1);
  for (const r of odd) {
    if (engine.suggest(r.raw, 1)[0]?.code === r.code) continue;
    setMissed++;
    const shared = [...words(r.raw)].filter(
      (w) =>
        approved.some((a) => a.code === r.code && words(a.raw).has(w)) &&
        !approved.some((a) => a.code !== r.code && words(a.raw).has(w)),
    );
    if (shared.length > 0) setLearnable++;
  }
  scored += odd.length;
  missed += setMissed;
  learnable += setLearnable;
  console.log(
    `${name.padEnd(22)} scored ${String(odd.length).padStart(3)}  zero-shot misses ${String(setMissed).padStart(2)}  learnable ${setLearnable}`,
  );
}
console.log(`all: scored ${scored}, zero-shot misses ${missed}, learnable ${learnable}`);
