// The classifier learnt from decisions (issue 12, item 2): deterministic, negation-aware, and part of
// the engine only when a profile gives it a share.
import { describe, expect, it } from 'vitest';
import { LogisticModel, textFeatures, type Example } from '../../../src/core/suggest/classifier';
import {
  createEngine,
  defaultEngineWeights,
  type KnownValue,
} from '../../../src/core/suggest/engine';
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
