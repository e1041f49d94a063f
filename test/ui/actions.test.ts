import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../src/i18n';
import { actions, actionByName } from '../../src/ui/actions';
import { formatWhen, stepLabel } from '../../src/ui/review/format';

// The action registry's keys and the names undo and redo give the action they take back.

const key = (k: string, mods: { ctrl?: boolean; shift?: boolean } = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: false,
  altKey: false,
  shiftKey: mods.shift ?? false,
});

const which = (e: ReturnType<typeof key>) => actions.find((a) => a.keyTest(e))?.name;

describe('undo and redo keys', () => {
  it('Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo', () => {
    expect(which(key('z', { ctrl: true }))).toBe('undo');
    expect(which(key('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(which(key('y', { ctrl: true }))).toBe('redo');
    expect(which(key('y'))).toBeUndefined();
  });

  it('R sends back (asking the reason) and O reopens, each an action of its own', () => {
    expect(which(key('r'))).toBe('reject');
    expect(which(key('o'))).toBe('reopen');
    expect(actionByName('reopen').needsSelection).toBe(true);
  });
});

describe('undo and redo name the action, its author and time', () => {
  const sv = (k: MessageKey, p?: Record<string, string | number>) => translate('sv', k, p);
  const en = (k: MessageKey, p?: Record<string, string | number>) => translate('en', k, p);
  const now = new Date(2026, 11, 5, 21, 0);

  it('today: the time alone; another day: the day too', () => {
    expect(formatWhen('sv', new Date(2026, 11, 5, 19, 12).toISOString(), now)).toBe('19:12');
    expect(formatWhen('sv', new Date(2026, 11, 4, 19, 12).toISOString(), now)).toBe('4 dec 19:12');
  });

  it('“Ångra: Godkänn 10 värden (AL, 5 dec 19:12)”, singular and plural, in both languages', () => {
    const at = new Date(2026, 11, 5, 19, 12).toISOString();
    const step = { batch: 'b', kind: 'approve' as const, by: 'AL', at, values: 10 };
    expect(stepLabel(sv, 'sv', 'undo', step)).toMatch(/^Ångra: Godkänn 10 värden \(AL, .*19:12\)$/);
    expect(stepLabel(sv, 'sv', 'redo', { ...step, values: 1 })).toMatch(
      /^Gör om: Godkänn 1 värde \(AL, /,
    );
    expect(stepLabel(en, 'en', 'undo', { ...step, kind: 'assign' })).toMatch(
      /^Undo: Set category 10 values \(AL, /,
    );
  });
});
