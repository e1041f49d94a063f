// The four variables of the demo, by the column that holds them, with their code lists in the
// order the dialect tables index them.
import { REASONS } from './vocab-orsak';
import { ACTION_CODES, SEX_CODES, TYPE_CODES } from './vocab-atgard';

export type DemoColumn = 'reason' | 'action' | 'type' | 'sex';

export const CODE_LISTS: Readonly<Record<DemoColumn, readonly string[]>> = {
  reason: REASONS.map((r) => r.code),
  action: ACTION_CODES,
  type: TYPE_CODES,
  sex: SEX_CODES,
};
