import { describe, expect, it } from 'vitest';
import { KeyFlow, type FlowGrid } from '../../src/ui/grid/keyflow';

/** A grid of raw values in display order; `hidden` rows are filtered out of view. */
function fakeGrid(raws: string[]) {
  const order = [...raws];
  const hidden = new Set<string>();
  let focused: string | null = order[0] ?? null;
  const shown = () => order.filter((r) => !hidden.has(r));
  const grid: FlowGrid = {
    focusedRaw: () => focused,
    indexOf: (raw) => {
      const i = shown().indexOf(raw);
      return i < 0 ? null : i;
    },
    rawAt: (i) => shown()[i],
    focusIndex: (i) => {
      focused = shown()[i] ?? focused;
    },
  };
  return {
    grid,
    order,
    hidden,
    get focused() {
      return focused;
    },
  };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 1));

describe('the keyboard flow of the grid', () => {
  it('acts on keys in the order pressed while each save takes its time', async () => {
    const g = fakeGrid(['a', 'b', 'c', 'd', 'e']);
    const flow = new KeyFlow(g.grid, () => []);
    const done: string[] = [];
    for (let i = 0; i < 4; i++) {
      flow.push({
        kind: 'act',
        run: async (raws) => {
          await tick();
          done.push(...raws);
        },
      });
      flow.push({ kind: 'move', delta: 1 });
    }
    await flow.idle();
    expect(done).toEqual(['a', 'b', 'c', 'd']);
    expect(g.focused).toBe('e');
  });

  it('moves ↓ to the value that stood below the decided one when a filter drops it', async () => {
    const g = fakeGrid(['a', 'b', 'c', 'd']);
    const flow = new KeyFlow(g.grid, () => []);
    const done: string[] = [];
    const decide = async (raws: readonly string[]) => {
      await tick();
      // The status filter no longer lets a decided value through (unless the flow keeps it).
      for (const r of raws) if (!flow.kept.has(r)) g.hidden.add(r);
      done.push(...raws);
    };
    flow.push({ kind: 'act', run: decide });
    flow.push({ kind: 'move', delta: 1 });
    flow.push({ kind: 'act', run: decide });
    flow.push({ kind: 'move', delta: 1 });
    await flow.idle();
    expect(done).toEqual(['a', 'b']);
    expect(g.focused).toBe('c');
  });

  it('moves ↓ to the value that stood below even when a re-sort moved the decided row', async () => {
    const g = fakeGrid(['a', 'b', 'c', 'd']);
    const flow = new KeyFlow(g.grid, () => []);
    flow.push({
      kind: 'act',
      run: async () => {
        await tick();
        // Sorted by status: the decided row moves to the end.
        g.order.splice(g.order.indexOf('a'), 1);
        g.order.push('a');
        flow.follow();
      },
    });
    await flow.idle();
    expect(g.focused).toBe('a');
    flow.push({ kind: 'move', delta: 1 });
    await flow.idle();
    expect(g.focused).toBe('b');
  });

  it('applies an action to the ticked rows when there are any', async () => {
    const g = fakeGrid(['a', 'b', 'c']);
    const flow = new KeyFlow(g.grid, () => ['b', 'c']);
    const got: (readonly string[])[] = [];
    flow.push({ kind: 'act', run: async (raws) => void got.push(raws) });
    await flow.idle();
    expect(got).toEqual([['b', 'c']]);
    expect(flow.kept.size).toBe(0);
  });

  it('follows a click: after resync the grid’s focus is the starting point again', async () => {
    const g = fakeGrid(['a', 'b', 'c']);
    const flow = new KeyFlow(g.grid, () => []);
    flow.push({ kind: 'move', delta: 1 });
    await flow.idle();
    g.grid.focusIndex(2);
    flow.resync();
    expect(flow.current()).toBe('c');
  });

  it('forgets a value no longer shown (another variable): the grid’s focus counts again', async () => {
    const g = fakeGrid(['a', 'b', 'c']);
    const flow = new KeyFlow(g.grid, () => []);
    flow.push({ kind: 'move', delta: 1 });
    await flow.idle();
    expect(flow.current()).toBe('b');
    g.hidden.add('b');
    g.grid.focusIndex(1);
    expect(flow.current()).toBe('c');
  });
});
