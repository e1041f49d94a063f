// Issue 12, item 1: for the same codebook, profile and decisions, the app's suggestion worker (its
// handlers, fed the profile as the app stores and reads it) and `kodbok suggest --profile` give the
// same suggestions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { suggest } from '../../src/cli/suggest';
import { restoreCodebook } from '../../src/core/formats/codebook';
import { readStoredProfile, writeProfileFile } from '../../src/core/formats/profile';
import { variableProfile } from '../../src/core/suggest/choose';
import type { KnownValue } from '../../src/core/suggest/engine';
import {
  defaultProfile,
  englishProfile,
  neutralProfile,
  type SuggestProfile,
} from '../../src/core/suggest/profile';
import type { Codebook, Suggestion } from '../../src/core/types';
import { setVectorsLoader, suggestHandlers } from '../../src/workers/suggest-handlers';
import { wordVectorsPath } from '../../src/cli/word-vectors';
import { unpackSuggestions } from '../../src/workers/suggestion-wire';
import { reasons } from '../core/suggest/codebooks';

function memoryIo(files: ReadonlyMap<string, string>): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readFile: async (p: string) => {
      const f = files.get(p);
      if (f === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return new TextEncoder().encode(f);
    },
    writeFile: async () => {
      throw new Error('suggest writes no files');
    },
  };
  return io;
}

const values = [
  'Missbruk förälder',
  'Pappa dricker',
  'Mamma utsatt för våld av sambon',
  'Eget missbruk',
  'Skolk',
  'Ungdomen snattar',
  'Ekonomiska problem',
  'NFP-problematik',
  'Bråk hemma',
  'Gängtillhörighet',
];
const decisions = new Map<string, KnownValue>([
  ['Föräldern super', { code: 'H07', status: 'approved' }],
  ['Snatteri', { code: 'B12', status: 'approved' }],
  ['Gäng', { code: 'B12', status: 'approved' }],
]);

async function viaCli(profile: SuggestProfile): Promise<Suggestion[][]> {
  const files = new Map([
    ['cb.json', JSON.stringify({ format: 'kodbok/codebook', formatVersion: 1, ...reasons })],
    ['v.txt', values.join('\n')],
    ['p.json', writeProfileFile(profile)],
    [
      'm.json',
      JSON.stringify({
        format: 'kodbok/mapping',
        formatVersion: 1,
        variable: reasons.variable,
        codebook: { id: reasons.id },
        entries: [...decisions].map(([raw, k]) => ({ raw, code: k.code, status: k.status })),
      }),
    ],
  ]);
  const io = memoryIo(files);
  const argv = ['--codebook', 'cb.json', '--values', 'v.txt', '--mapping', 'm.json'];
  expect(await suggest([...argv, '--profile', 'p.json'], io)).toBe(0);
  return (JSON.parse(io.out) as { suggestions: Suggestion[] }[]).map((r) => r.suggestions);
}

// The worker reads word vectors as the app's fetch would give them: the file's bytes.
setVectorsLoader(async (name) => {
  const path = wordVectorsPath(name);
  if (path === null) throw new Error(`${name} is not built`);
  return new Uint8Array(readFileSync(path));
});

async function viaWorker(profile: SuggestProfile): Promise<Suggestion[][]> {
  // As the app: the profile stored in settings, read back by its reader, cloned to the worker.
  const stored = structuredClone(readStoredProfile(structuredClone(profile)));
  expect(await suggestHandlers.init('p/v', reasons, decisions, stored)).toBeNull();
  const out = unpackSuggestions(suggestHandlers.suggest('p/v', values, 3));
  suggestHandlers.drop('p/v');
  // The command line prints scores to three decimals.
  return out.map((list) =>
    list.map((s) => ({ code: s.code, score: Math.round(s.score * 1000) / 1000, via: s.via })),
  );
}

describe('the worker and the command line', () => {
  // A team's own profile: the default with a word of their own, and one without any language.
  const edited: SuggestProfile = {
    ...defaultProfile,
    vocabulary: defaultProfile.vocabulary.map((t) =>
      t.concept === 'funktionsnedsättning' ? { ...t, stems: [...t.stems, 'nfp'] } : t,
    ),
    weights: { ...defaultProfile.weights, support: 0.3 },
    categories: [{ code: 'O22', owner: 'none' }],
  };
  for (const [name, profile] of [
    ['the default profile', defaultProfile],
    ['an edited profile', edited],
    ['the neutral profile', neutralProfile],
  ] as const) {
    it(`suggest the same with ${name}`, async () => {
      const worker = await viaWorker(profile);
      expect(worker.some((list) => list.length > 0)).toBe(true);
      expect(await viaCli(profile)).toEqual(worker);
    });
  }

  it('follow the profile: the edited vocabulary moves a suggestion both ways', async () => {
    const at = values.indexOf('NFP-problematik');
    const before = (await viaCli(defaultProfile))[at]?.[0]?.code;
    const after = (await viaCli(edited))[at]?.[0]?.code;
    expect((await viaWorker(edited))[at]?.[0]?.code).toBe(after);
    expect(after).not.toBe(before);
  });

  it('the worker names the values that probably combine two reasons, with each part’s suggestion', async () => {
    await suggestHandlers.init('p/v', reasons, new Map(), defaultProfile);
    const found = suggestHandlers.combined('p/v', [
      'Eget missbruk, kriminalitet',
      'Våld i nära relation, barnet bevittnat',
      'Missbruk förälder',
    ]);
    suggestHandlers.drop('p/v');
    expect(found.map(([raw, parts]) => [raw, parts.map((p) => p.suggestion.code)])).toEqual([
      ['Eget missbruk, kriminalitet', ['B11', 'B12']],
    ]);
  });
});

// Issue 12 item 1: without a profile chosen, the app (state/suggestions.ts readVariableProfile:
// nothing saved for the variable) and `kodbok suggest` without --profile choose the same one.
describe('without a chosen profile, the worker and the command line', () => {
  const fixtures = new URL('../fixtures/suggest/', import.meta.url);
  const otherFile = readFileSync(new URL('bistand-codebook.json', fixtures), 'utf8');
  const other = restoreCodebook(JSON.parse(otherFile) as unknown);
  if (!other.ok) throw new Error('bistand-codebook.json does not read');
  const otherValues = readFileSync(new URL('bistand-values.tsv', fixtures), 'utf8')
    .split('\n')
    .slice(1, 80)
    .map((l) => l.split('\t')[0] ?? '')
    .filter((raw) => raw !== '');

  async function cliWithout(codebookFile: string, raws: readonly string[]) {
    const io = memoryIo(
      new Map([
        ['cb.json', codebookFile],
        ['v.txt', raws.join('\n')],
      ]),
    );
    expect(await suggest(['--codebook', 'cb.json', '--values', 'v.txt'], io)).toBe(0);
    return (JSON.parse(io.out) as { suggestions: Suggestion[] }[]).map((r) => r.suggestions);
  }
  async function workerAsApp(codebook: Codebook, raws: readonly string[], profile: SuggestProfile) {
    await suggestHandlers.init(
      'p/v',
      structuredClone(codebook),
      new Map(),
      structuredClone(profile),
    );
    const out = unpackSuggestions(suggestHandlers.suggest('p/v', raws, 3));
    suggestHandlers.drop('p/v');
    return out.map((list) =>
      list.map((s) => ({ code: s.code, score: Math.round(s.score * 1000) / 1000, via: s.via })),
    );
  }

  it('use the neutral profile for a codebook of another field, the Swedish one for child welfare', async () => {
    const chosen = variableProfile(undefined, other.value);
    expect(chosen.profile.id).toBe('neutral');
    const cli = await cliWithout(otherFile, otherValues);
    expect(cli).toEqual(await workerAsApp(other.value, otherValues, chosen.profile));
    // Not what the Swedish profile suggests: the choice is what made them agree.
    expect(cli).not.toEqual(await workerAsApp(other.value, otherValues, defaultProfile));

    const swedish = variableProfile(undefined, reasons);
    expect(swedish.profile.id).toBe(defaultProfile.id);
    const file = JSON.stringify({ format: 'kodbok/codebook', formatVersion: 1, ...reasons });
    expect(await cliWithout(file, values)).toEqual(
      await workerAsApp(reasons, values, swedish.profile),
    );
  });

  it('use the English profile, with its word vectors, for a codebook written in English', async () => {
    const englishFile = readFileSync(new URL('attendance_reason-codebook.json', fixtures), 'utf8');
    const english = restoreCodebook(JSON.parse(englishFile) as unknown);
    if (!english.ok) throw new Error('attendance_reason-codebook.json does not read');
    const raws = ['Glandular fever', 'Flu-like symptoms', 'Dentist', 'Stomach bug'];
    const chosen = variableProfile(undefined, english.value);
    expect(chosen.profile.id).toBe('en');
    const cli = await cliWithout(englishFile, raws);
    expect(cli).toEqual(await workerAsApp(english.value, raws, chosen.profile));
    // The meaning of the words is what finds illness for an illness the codebook does not name.
    for (const at of [0, 1]) {
      expect(cli[at]?.[0]?.code).toBe('HLT1');
      expect(cli[at]?.[0]?.via).toBe('meaning: Illness');
    }
    expect(cli).not.toEqual(await workerAsApp(english.value, raws, neutralProfile));
  });

  it('say why when the word vectors cannot be read, and suggest by letters alone', async () => {
    setVectorsLoader(async () => new TextEncoder().encode('<html>not found</html>'));
    const problem = await suggestHandlers.init('p/v', reasons, new Map(), englishProfile);
    suggestHandlers.drop('p/v');
    setVectorsLoader(async (name) => new Uint8Array(readFileSync(wordVectorsPath(name) ?? '')));
    expect(problem).toMatch(/^en-glove-100k: .*not a kodbok\/word-vectors file/);
  });
});
