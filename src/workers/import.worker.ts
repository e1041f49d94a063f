import * as Comlink from 'comlink';
import { demoVariableValues, generateDemo } from '../core/demo/generate';

// Generating and counting 220 000 rows takes a moment: never on the UI thread.

export const importHandlers = {
  makeDemo(seed?: number) {
    const data = generateDemo(seed === undefined ? {} : { seed });
    return { values: demoVariableValues(data), split: data.split };
  },
};

export type ImportHandlers = typeof importHandlers;

Comlink.expose(importHandlers);
