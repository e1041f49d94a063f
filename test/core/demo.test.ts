import { describe, expect, it } from 'vitest';
import {
  aktualiseringsorsak,
  aktualiseringstyp,
  kön,
  starterCodebooks,
  åtgärd,
} from '../../src/core/demo/codebooks';
import {
  DEMO_VARIABLES,
  demoColumn,
  demoVariableValues,
  generateDemo,
  type DemoData,
} from '../../src/core/demo/generate';
import { hashString } from '../../src/core/random';
import { compileSplitter } from '../../src/core/split';
import type { Codebook } from '../../src/core/types';

// One default demo for the whole file: generating it is the expensive part.
const demo = generateDemo();
const values = demoVariableValues(demo);
const REASON = DEMO_VARIABLES.reason;
const reasonSplit = compileSplitter(demo.split.get(REASON) ?? { separators: [] });

function fingerprint(d: DemoData): number {
  let h = 0;
  const mix = (s: string): void => {
    h = (Math.imul(h, 31) + hashString(s)) | 0;
  };
  for (let i = 0; i < d.rows; i++) {
    mix(`${d.municipality[i]}|${d.age[i]}|${d.sex[i]}|${d.type[i]}|${d.reason[i]}|${d.action[i]}`);
  }
  for (const [variable, truth] of d.truth)
    for (const [raw, code] of truth) mix(`${variable}|${raw}|${code}`);
  return h;
}

function leaves(codebook: Codebook): Set<string> {
  const parents = new Set(codebook.categories.map((c) => c.parent));
  return new Set(codebook.categories.filter((c) => !parents.has(c.code)).map((c) => c.code));
}

function codebookOf(variable: string): Codebook {
  const codebook = starterCodebooks.find((c) => c.variable === variable);
  if (!codebook) throw new Error(`no starter codebook for ${variable}`);
  return codebook;
}

/** Share of all occurrences covered by the most frequent values, and how many occur once. */
function skew(
  variable: string,
  topShare: number,
): { covered: number; once: number; distinct: number } {
  const freqs = [...(values.get(variable)?.values() ?? [])]
    .map((v) => v.frequency)
    .sort((a, b) => b - a);
  const total = freqs.reduce((a, b) => a + b, 0);
  const top = freqs.slice(0, Math.ceil(freqs.length * topShare)).reduce((a, b) => a + b, 0);
  return {
    covered: top / total,
    once: freqs.filter((f) => f === 1).length,
    distinct: freqs.length,
  };
}

describe('the demo data set', () => {
  it('has the study’s size: 220 000 referrals from 97 real municipalities, children 0–17', () => {
    expect(demo.rows).toBe(220_000);
    expect(demo.municipalities).toHaveLength(97);
    expect(new Set(demo.municipalities).size).toBe(97);
    expect(demo.municipalities).toContain('Karlstad');
    for (const column of [
      demo.municipality,
      demo.age,
      demo.sex,
      demo.type,
      demo.reason,
      demo.action,
    ]) {
      expect(column).toHaveLength(220_000);
    }
    // (reduce, not spread: 220 000 arguments overflow the stack)
    expect(demo.municipality.reduce((a, b) => Math.max(a, b), 0)).toBe(96);
    expect(demo.age.reduce((a, b) => Math.min(a, b), 99)).toBe(0);
    expect(demo.age.reduce((a, b) => Math.max(a, b), 0)).toBe(17);
    // Referrals grow with age: far more teenagers than infants.
    const infants = demo.age.filter((a) => a <= 2).length;
    const teens = demo.age.filter((a) => a >= 15).length;
    expect(teens / infants).toBeGreaterThan(3);
  });

  it('is the same for the same seed and different for another seed', () => {
    const again = generateDemo();
    expect(fingerprint(again)).toBe(fingerprint(demo));
    expect(again.reason).toEqual(demo.reason);
    const other = generateDemo({ seed: 2 });
    expect(fingerprint(other)).not.toBe(fingerprint(demo));
  });

  it('has as many distinct values as the study', () => {
    const reasons = values.get(REASON);
    expect(reasons?.size).toBeGreaterThanOrEqual(1_200);
    expect(reasons?.size).toBeLessThanOrEqual(1_400);
    const cells = new Set(demo.reason.filter((c) => c.trim() !== ''));
    expect(cells.size).toBeGreaterThanOrEqual(2_200);
    expect(cells.size).toBeLessThanOrEqual(2_800);
    expect(values.get(DEMO_VARIABLES.action)?.size).toBe(197);
    const types = values.get(DEMO_VARIABLES.type)?.size ?? 0;
    expect(types).toBeGreaterThanOrEqual(70);
    expect(types).toBeLessThanOrEqual(82);
    const sexes = values.get(DEMO_VARIABLES.sex)?.size ?? 0;
    expect(sexes).toBeGreaterThanOrEqual(8);
    expect(sexes).toBeLessThanOrEqual(20);
  });

  it('knows the true leaf code of every single value it produces', () => {
    for (const [variable, counts] of values) {
      const truth = demo.truth.get(variable);
      const leafCodes = leaves(codebookOf(variable));
      expect(truth, variable).toBeDefined();
      for (const raw of counts.keys()) {
        const code = truth?.get(raw);
        expect(code, `${variable}: "${raw}"`).toBeDefined();
        expect(leafCodes.has(code as string), `${variable}: "${raw}" → ${code}`).toBe(true);
      }
      for (const code of truth?.values() ?? []) expect(leafCodes.has(code)).toBe(true);
    }
    // Every category of each codebook occurs: a benchmark can measure all of them.
    for (const [variable, truth] of demo.truth) {
      const used = new Set(truth.values());
      for (const leaf of leaves(codebookOf(variable)))
        expect(used.has(leaf), `${variable} ${leaf}`).toBe(true);
    }
  });

  it('keeps every reason that contains a separator whole, and splits combined cells into known reasons', () => {
    const config = demo.split.get(REASON);
    expect(config?.separators).toEqual([';', ',', ' – ']);
    const protect = new Set(config?.protect);
    for (const raw of demo.truth.get(REASON)?.keys() ?? []) {
      if (/[;,]| – /.test(raw)) expect(protect.has(raw), raw).toBe(true);
      expect(reasonSplit(raw)).toEqual([raw]);
    }
    for (const variable of [DEMO_VARIABLES.sex, DEMO_VARIABLES.type, DEMO_VARIABLES.action]) {
      expect(demo.split.get(variable)).toEqual({ separators: [] });
    }
  });

  it('is skewed like a real register: a few values cover most rows, many occur once', () => {
    const reasons = skew(REASON, 0.05);
    expect(reasons.covered).toBeGreaterThan(0.5);
    expect(reasons.once / reasons.distinct).toBeGreaterThan(0.1);
    const actions = skew(DEMO_VARIABLES.action, 0.05);
    expect(actions.covered).toBeGreaterThan(0.4);
    expect(actions.once).toBeGreaterThan(5);
  });

  it('gives each municipality its own dialect: common values are shared, most are local', () => {
    const counts = [...(values.get(REASON)?.values() ?? [])];
    const local = counts.filter((c) => c.municipalities === 1).length;
    expect(local / counts.length).toBeGreaterThan(0.5);
    const widest = Math.max(...counts.map((c) => c.municipalities));
    expect(widest).toBeGreaterThanOrEqual(20);
  });

  it('has about 13 municipalities with several reasons per cell and a fifth without reasons', () => {
    const multi = new Set<number>();
    const withReasons = new Set<number>();
    for (let i = 0; i < demo.rows; i++) {
      const atoms = reasonSplit(demo.reason[i] as string);
      if (atoms.length > 0) withReasons.add(demo.municipality[i] as number);
      if (atoms.length > 1) multi.add(demo.municipality[i] as number);
    }
    expect(multi.size).toBeGreaterThanOrEqual(11);
    expect(multi.size).toBeLessThanOrEqual(15);
    expect(97 - withReasons.size).toBeGreaterThanOrEqual(15);
    expect(97 - withReasons.size).toBeLessThanOrEqual(23);
  });

  it('contains the documented examples, with owner and negation deciding the category', () => {
    const reasonTruth = demo.truth.get(REASON);
    const reasons = values.get(REASON);
    const bou = 'Missbruk BoU – Barnet/den unge';
    expect(reasons?.has(bou)).toBe(true);
    expect(reasonSplit(bou)).toEqual([bou]);
    for (const raw of [
      'Missbruk barn o ungdom',
      'missbruk barn/ungdom',
      'Missbruk barn/ungdom',
      'Missbruk barnet',
      bou,
      'Missbruk eget',
    ]) {
      expect(reasons?.has(raw), raw).toBe(true);
      expect(reasonTruth?.get(raw), raw).toBe('B11');
    }
    expect(reasonTruth?.get('Missbruk förälder')).toBe('H07');

    const actionTruth = demo.truth.get(DEMO_VARIABLES.action);
    expect(demo.action).toContain('Utredning inleds ej');
    expect(actionTruth?.get('Utredning inleds ej')).toBe('EJU1');
    expect(actionTruth?.get('Utredning inleds')).toBe('UTR1');

    const types = values.get(DEMO_VARIABLES.type);
    for (const raw of [
      'anmälan',
      'Anmälan barn 0-12 år',
      'Anmälan 0-17',
      'B anmälan',
      'Ansökan',
      'ansökan',
      'B/U Ansökan',
      'Egen iakttagelse',
    ]) {
      expect(types?.has(raw), raw).toBe(true);
    }
    const sexTruth = demo.truth.get(DEMO_VARIABLES.sex);
    for (const raw of ['f', 'F', 'flicka', 'Kvinna']) expect(sexTruth?.get(raw), raw).toBe('F');
    for (const raw of ['p', 'P', 'pojke', 'Man']) expect(sexTruth?.get(raw), raw).toBe('P');
    expect(sexTruth?.get('Okänt')).toBe('X');
  });

  it('counts values per variable as an import would', () => {
    for (const variable of [DEMO_VARIABLES.sex, DEMO_VARIABLES.type, DEMO_VARIABLES.action]) {
      const total = [...(values.get(variable)?.values() ?? [])].reduce(
        (a, v) => a + v.frequency,
        0,
      );
      expect(total).toBe(demo.rows);
    }
    expect(demoColumn(demo, 'åtgärd')).toBe(demo.action);
    expect(() => demoColumn(demo, 'okänd')).toThrow(RangeError);
  });

  it('can be made smaller, and refuses impossible sizes', () => {
    const small = generateDemo({ seed: 5, rows: 2_000, municipalities: 10 });
    expect(small.rows).toBe(2_000);
    expect(small.municipalities).toHaveLength(10);
    expect(small.municipality.reduce((a, b) => Math.max(a, b), 0)).toBeLessThan(10);
    for (const [variable, counts] of demoVariableValues(small)) {
      for (const raw of counts.keys()) expect(small.truth.get(variable)?.has(raw), raw).toBe(true);
    }
    expect(generateDemo({ rows: 0 }).rows).toBe(0);
    expect(() => generateDemo({ municipalities: 0 })).toThrow(RangeError);
    expect(() => generateDemo({ municipalities: 98 })).toThrow(RangeError);
    expect(() => generateDemo({ rows: -1 })).toThrow(RangeError);
    expect(() => generateDemo({ rows: 1.5 })).toThrow(RangeError);
  });
});

describe('the starter codebooks', () => {
  it('are valid: unique codes, existing parents, no cycles, a definition on every leaf', () => {
    for (const codebook of starterCodebooks) {
      const codes = codebook.categories.map((c) => c.code);
      expect(new Set(codes).size, codebook.id).toBe(codes.length);
      const byCode = new Map(codebook.categories.map((c) => [c.code, c]));
      for (const c of codebook.categories) {
        if (c.parent !== null) expect(byCode.has(c.parent), `${codebook.id} ${c.code}`).toBe(true);
        const seen = new Set<string>();
        for (let at: string | null = c.code; at !== null; at = byCode.get(at)?.parent ?? null) {
          expect(seen.has(at), `cycle at ${at}`).toBe(false);
          seen.add(at);
        }
      }
      for (const leaf of leaves(codebook)) expect(byCode.get(leaf)?.definition, leaf).toBeTruthy();
      expect(codebook.version).toBe('2026.1');
    }
  });

  it('hold the 22 reasons, the 7 actions, sex and type with their codes', () => {
    expect(aktualiseringsorsak.id).toBe('kodbok-orsak');
    expect([...leaves(aktualiseringsorsak)]).toEqual([
      'H01',
      'H02',
      'H03',
      'H04',
      'H05',
      'H06',
      'H07',
      'H08',
      'H09',
      'B10',
      'B11',
      'B12',
      'B13',
      'B14',
      'B15',
      'B16',
      'B17',
      'O18',
      'O19',
      'O20',
      'O21',
      'O22',
    ]);
    expect(
      aktualiseringsorsak.categories.filter((c) => c.parent === null).map((c) => c.code),
    ).toEqual(['HEM', 'BRN', 'OVR']);
    expect(åtgärd.id).toBe('kodbok-atgard');
    expect([...leaves(åtgärd)]).toEqual(['UTR1', 'UTR2', 'EJU1', 'EJU2', 'EJU3', 'ANN1', 'ANN2']);
    expect(kön.id).toBe('kodbok-kon');
    expect([...leaves(kön)]).toEqual(['F', 'P', 'X']);
    expect(aktualiseringstyp.id).toBe('kodbok-akttyp');
    expect([...leaves(aktualiseringstyp)]).toEqual(['ANM', 'ANS', 'INF']);
    expect(starterCodebooks.map((c) => c.variable).sort()).toEqual(
      Object.values(DEMO_VARIABLES).sort(),
    );
  });

  it('crosswalk reasons to SKR’s Basinformation by codebook id', () => {
    for (const c of aktualiseringsorsak.categories) {
      for (const key of Object.keys(c.crosswalk ?? {})) expect(key).toBe('skr-basinformation');
    }
    expect(aktualiseringsorsak.categories.find((c) => c.code === 'O19')?.crosswalk).toEqual({
      'skr-basinformation': 'Boendeproblematik',
    });
  });
});
