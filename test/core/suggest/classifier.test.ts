// The classifier learnt from decisions (issue 12, item 2): deterministic, negation-aware, and part of
// the engine only when a profile gives it a share.
import { describe, expect, it } from 'vitest';
import { LogisticModel, textFeatures, type Example } from '../../../src/core/suggest/classifier';
import {
  CALIBRATION_MIN,
  createEngine,
  defaultEngineWeights,
  heldOutAccuracy,
  type KnownValue,
} from '../../../src/core/suggest/engine';
import { neutralProfile } from '../../../src/core/suggest/profile';
import { reasons } from './codebooks';

const example = (text: string, label: number, negated = false): Example => ({
  features: textFeatures(text, negated),
  label,
  weight: 1,
});

describe('the classifier', () => {
  const examples = [
    example('alkohol', 0),
    example('dricker', 0),
    example('super alkohol', 0),
    example('skolk', 1),
    example('skolfrånvaro', 1),
    example('frånvaro skola', 1),
  ];

  it('learns what the decisions of a category share, including words it saw only in them', () => {
    const model = LogisticModel.train(2, examples);
    expect(model.probabilities(textFeatures('dricker alkohol', false))[0]).toBeGreaterThan(0.7);
    expect(model.probabilities(textFeatures('skolfrånvaron', false))[1]).toBeGreaterThan(0.7);
  });

  it('gives the same weights for the same examples, every time', () => {
    const a = [
      ...LogisticModel.train(2, examples).probabilities(textFeatures('alkohol skola', false)),
    ];
    const b = [
      ...LogisticModel.train(2, examples).probabilities(textFeatures('alkohol skola', false)),
    ];
    expect(a).toEqual(b);
  });

  it('keeps negated and affirmed values apart: they share no feature', () => {
    const affirmed = new Set(textFeatures('utredning inleds', false));
    expect(textFeatures('utredning inleds', true).some((f) => affirmed.has(f))).toBe(false);
  });
});

describe('the classifier in the engine', () => {
  const known = new Map<string, KnownValue>([
    ['Pappa dricker', { code: 'H07', status: 'approved' }],
    ['Mamma super', { code: 'H07', status: 'approved' }],
    ['Skolk', { code: 'B15', status: 'approved' }],
  ]);
  const learning = { ...defaultEngineWeights, classifier: 0.1 };

  it('changes nothing without decisions, and nothing when the profile gives it no share', () => {
    const values = ['Missbruk förälder', 'Skolk', 'Pappa dricker'];
    const plain = createEngine({ codebook: reasons, known: new Map() });
    const withModel = createEngine({ codebook: reasons, known: new Map() }, learning);
    for (const v of values) expect(withModel.suggest(v, 3)).toEqual(plain.suggest(v, 3));
    const off = createEngine({ codebook: reasons, known });
    const zero = createEngine({ codebook: reasons, known }, { ...learning, classifier: 0 });
    for (const v of values) expect(zero.suggest(v, 3)).toEqual(off.suggest(v, 3));
  });

  it('is the same model whatever the order of learning', () => {
    const built = createEngine({ codebook: reasons, known }, learning);
    const learnt = createEngine({ codebook: reasons, known: new Map() }, learning);
    for (const [raw, k] of [...known].reverse()) learnt.learn(raw, k);
    for (const v of ['Farsan dricker', 'Skolket', 'Bråk hemma'])
      expect(learnt.suggest(v, 3)).toEqual(built.suggest(v, 3));
  });

  it('reports every value suggested so far as affected after a decision: the model may move any', () => {
    const engine = createEngine({ codebook: reasons, known }, learning);
    for (const v of ['Bråk hemma', 'Skolk', 'Ekonomi']) engine.suggest(v, 3);
    engine.learn('Ekonomiska problem', { code: 'O19', status: 'approved' });
    expect(engine.affected().sort()).toEqual(['Bråk hemma', 'Ekonomi', 'Skolk']);
    expect(engine.affected()).toEqual([]);
  });
});

describe('the classifier weighing itself by the approvals it predicts (calibrated)', () => {
  // Decisions whose words tell their category: a drink-word is a parent's misuse, a school-word
  // the child's school problems; each value once, with a running number as messy values have.
  const drink = ['dricker', 'super', 'alkohol', 'fylla', 'berusad'];
  const school = ['skolk', 'frånvaro', 'skolan', 'lektioner', 'rektor'];
  const decisions = (n: number): Map<string, KnownValue> =>
    new Map(
      Array.from({ length: n }, (_, i): [string, KnownValue] =>
        i % 2 === 0
          ? [`förälder ${drink[(i / 2) % 5]} ${i}`, { code: 'H07', status: 'approved' }]
          : [`${school[((i - 1) / 2) % 5]} igen ${i}`, { code: 'B15', status: 'approved' }],
      ),
    );
  const examplesOf = (known: Map<string, KnownValue>, labels: (i: number) => number) =>
    [...known.keys()].map((raw, i) => ({ ...example(raw, labels(i)), approved: true }));

  it('measures the model on approvals it was not trained on, and not below the minimum', () => {
    const known = decisions(40);
    expect(
      heldOutAccuracy(
        2,
        examplesOf(known, (i) => i % 2),
      ),
    ).toBeGreaterThan(0.9);
    // Labels the words do not tell: a model no better than chance.
    expect(
      heldOutAccuracy(
        2,
        examplesOf(known, (i) => Math.floor(i / 2) % 2),
      ),
    ).toBeLessThan(0.6);
    const few = examplesOf(decisions(CALIBRATION_MIN - 1), (i) => i % 2);
    expect(heldOutAccuracy(2, few)).toBe(0);
    // Coded decisions train the model but are never what it is measured on.
    const coded = examplesOf(known, (i) => i % 2).map((e) => ({ ...e, approved: false }));
    expect(heldOutAccuracy(2, coded)).toBe(0);
  });

  const weights = { ...defaultEngineWeights, calibrated: 0.3 };
  const scoreOf = (engine: ReturnType<typeof createEngine>, raw: string, code: string) =>
    engine.suggest(raw, 5).find((s) => s.code === code)?.score ?? 0;

  it('with fewer approvals than the minimum, suggests exactly as retrieval and the neighbours do', () => {
    const known = decisions(CALIBRATION_MIN - 1);
    const off = createEngine(
      { codebook: reasons, known, profile: neutralProfile },
      {
        ...weights,
        calibrated: 0,
      },
    );
    const on = createEngine({ codebook: reasons, known, profile: neutralProfile }, weights);
    for (const v of ['förälder berusad', 'rektor ringer', 'Skolk'])
      expect(on.suggest(v, 3)).toEqual(off.suggest(v, 3));
  });

  it('with enough approvals that it predicts, adds its share to the category it learnt', () => {
    const known = decisions(40);
    const off = createEngine(
      { codebook: reasons, known, profile: neutralProfile },
      {
        ...weights,
        calibrated: 0,
      },
    );
    const on = createEngine({ codebook: reasons, known, profile: neutralProfile }, weights);
    expect(scoreOf(on, 'förälder berusad fylla', 'H07')).toBeGreaterThan(
      scoreOf(off, 'förälder berusad fylla', 'H07'),
    );
  });

  it('adds nothing for a category’s base rate: only what the value’s words say beyond it', () => {
    // Half the decisions are a parent's misuse: a value about money is no likelier to be one.
    const known = decisions(40);
    const off = createEngine(
      { codebook: reasons, known, profile: neutralProfile },
      { ...weights, calibrated: 0 },
    );
    const on = createEngine({ codebook: reasons, known, profile: neutralProfile }, weights);
    for (const code of ['H07', 'B15'])
      expect(scoreOf(on, 'Ekonomiska svårigheter', code)).toBeCloseTo(
        scoreOf(off, 'Ekonomiska svårigheter', code),
        2,
      );
  });

  it("is the neutral profile's own: the Swedish profile gives it no share", () => {
    expect(neutralProfile.weights.calibrated).toBeGreaterThan(0);
    expect(defaultEngineWeights.calibrated).toBe(0);
  });
});
