// Demo data generation and counting: the work the app does on first open, in its import worker.
import { demoVariableValues, generateDemo } from '../../src/core/demo/generate';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const gen: number[] = [];
const count: number[] = [];
let values = 0;
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  const data = generateDemo();
  gen.push(performance.now() - t);
  t = performance.now();
  const counted = demoVariableValues(data);
  count.push(performance.now() - t);
  values = [...counted.values()].reduce((n, m) => n + m.size, 0);
}
console.log(
  JSON.stringify({
    title: 'Demo data (Node)',
    rows: [
      {
        name: 'Generate the demo: 220,000 rows, 97 municipalities',
        value: median(gen),
        unit: 'ms',
        detail: `runs: ${gen.map((x) => x.toFixed(0)).join(', ')} ms`,
      },
      {
        name: `Split and count all four variables (${values.toLocaleString('en')} values)`,
        value: median(count),
        unit: 'ms',
        detail: `runs: ${count.map((x) => x.toFixed(0)).join(', ')} ms`,
      },
    ],
  }),
);
