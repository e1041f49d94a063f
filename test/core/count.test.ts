import { describe, expect, it } from 'vitest';
import { ValueCounter } from '../../src/core/count';

describe('ValueCounter', () => {
  it('counts rows, municipalities and combinations per single value', () => {
    const c = new ValueCounter({ separators: [';'] });
    c.add('A;B', 'Gävle');
    c.add('A', 'Åre');
    c.add('A; A', 'Åre');
    c.add('', 'Åre');
    const r = c.result();
    expect(r.get('A')).toEqual({ frequency: 3, municipalities: 2, combinations: 3 });
    expect(r.get('B')).toEqual({ frequency: 1, municipalities: 1, combinations: 1 });
    expect(c.rows).toBe(4);
    expect(c.emptyRows).toBe(1);
  });

  it('keys raw values safely, __proto__ included', () => {
    const c = new ValueCounter({ separators: [] });
    c.add('__proto__', 'X');
    c.add('constructor', 'X');
    expect([...c.result().keys()]).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
