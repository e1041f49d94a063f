// The committed io fixtures (made by other tools, see scripts/make-fixtures.py) and the one way
// tests expect a refusal: a TableReadError, whose message the user will see.
import { readFileSync } from 'node:fs';
import { TableReadError } from '../../src/io/table';

/** The bytes of test/fixtures/io/NAME. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/io/${name}`, import.meta.url)));
}

/** Runs `read` and returns the TableReadError it throws; fails the test if it does not. */
export function refusal(read: () => unknown): TableReadError {
  try {
    read();
  } catch (e) {
    if (e instanceof TableReadError) return e;
    throw e;
  }
  throw new Error('expected a TableReadError');
}
