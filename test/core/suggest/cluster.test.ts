import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterByKey, clusterByNeighbours, fingerprint } from '../../../src/core/suggest/cluster';

describe('key collision clusters', () => {
  it('group the spellings of one value, as the documents list them', () => {
    const values = [
      'Missbruk barn o ungdom',
      'missbruk barn/ungdom',
      'Missbruk barn/ungdom',
      'B/U Missbruk barn & ungdom 0-12 år',
      'Missbruk förälder',
    ];
    const clusters = clusterByKey(values);
    expect(clusters).toEqual([
      {
        key: 'barn missbruk ungdom',
        members: [
          'Missbruk barn o ungdom',
          'missbruk barn/ungdom',
          'Missbruk barn/ungdom',
          'B/U Missbruk barn & ungdom 0-12 år',
        ],
      },
    ]);
  });

  it('do not care about word order or repeated words, but keep å, ä and ö', () => {
    expect(fingerprint('Omsorg bristande')).toBe(fingerprint('Bristande omsorg, bristande'));
    expect(fingerprint('Får')).not.toBe(fingerprint('Far'));
  });

  it('put every value in exactly one cluster', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'Våld',
            'våld',
            'VÅLD 0-12 år',
            'Vald',
            'B/U våld',
            'Hot',
            'hot',
            'Övrigt',
          ),
          { maxLength: 20 },
        ),
        (values) => {
          const clusters = clusterByKey(values, { minSize: 1 });
          const members = clusters.flatMap((c) => c.members);
          expect(members.sort()).toEqual([...new Set(values)].sort());
        },
      ),
    );
  });
});

describe('nearest-neighbour clusters', () => {
  it('join values within the threshold, through the same index as suggestions', () => {
    const values = [
      'Bristande omsorg',
      'Bristande omsorgen',
      'Bristand omsorg',
      'Skolfrånvaro',
      'Skolfrånvaro hög',
      'Hot',
    ];
    const clusters = clusterByNeighbours(values, { threshold: 0.8 });
    expect(clusters.map((c) => [...c.members].sort())).toEqual([
      ['Bristand omsorg', 'Bristande omsorg', 'Bristande omsorgen'],
      ['Skolfrånvaro', 'Skolfrånvaro hög'],
    ]);
    expect(clusterByNeighbours(values, { threshold: 1 })).toEqual([]);
  });

  it('refuse a threshold outside (0, 1]', () => {
    expect(() => clusterByNeighbours([], { threshold: 0 })).toThrow(RangeError);
  });
});
