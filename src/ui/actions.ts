import type { MessageKey } from '../i18n';
import type { NoteInput } from '../core/notes';
import { translate } from '../i18n';
import {
  acceptSuggestions,
  decideOn,
  notify,
  redo,
  sendBack,
  undo,
  type ActionReport,
} from '../state/app';
import { writeNote } from '../state/notes';
import { get } from '../state/store';

// Every user operation on values is one action object: its name, label, keyboard test and
// what it does. The toolbar buttons, the keyboard and the tests all go through these.

export interface ActionContext {
  /** The raw values the action applies to: the selection, or the focused row. */
  readonly raws: readonly string[];
  /** Opens the category picker; the picker performs the assignment. */
  readonly openPicker: () => void;
}

export type ActionName =
  | 'assign'
  | 'acceptSuggestion'
  | 'suggestion1'
  | 'suggestion2'
  | 'suggestion3'
  | 'approve'
  | 'reject'
  | 'reopen'
  | 'flag'
  | 'clear'
  | 'undo'
  | 'redo';

export interface Action {
  readonly name: ActionName;
  readonly label: MessageKey;
  /** Keyboard shortcut shown in the button's title. */
  readonly shortcut: string;
  readonly keyTest: (
    e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  ) => boolean;
  readonly needsSelection: boolean;
  readonly perform: (ctx: ActionContext) => Promise<ActionReport | null | undefined> | void;
  readonly tone?: 'primary' | 'danger';
  /** Keyboard only: not a toolbar button (the hint line names it). */
  readonly keyOnly?: boolean;
}

const plain = (key: string) => (e: Parameters<Action['keyTest']>[0]) =>
  !e.ctrlKey && !e.metaKey && !e.altKey && e.key.toLowerCase() === key;

export const actions: readonly Action[] = [
  {
    name: 'assign',
    label: 'assign',
    shortcut: 'K',
    keyTest: plain('k'),
    needsSelection: true,
    perform: (ctx) => ctx.openPicker(),
  },
  {
    name: 'acceptSuggestion',
    label: 'acceptSuggestion',
    shortcut: 'Enter',
    keyTest: (e) => plain('enter')(e),
    needsSelection: true,
    perform: (ctx) => acceptSuggestions(ctx.raws),
  },
  // 1 / 2 / 3: the first, second or third suggestion, each value its own.
  ...([1, 2, 3] as const).map((n): Action => ({
    name: `suggestion${n}`,
    label: `takeSuggestion${n}`,
    shortcut: String(n),
    keyTest: plain(String(n)),
    needsSelection: true,
    perform: (ctx) => acceptSuggestions(ctx.raws, n - 1),
    keyOnly: true,
  })),
  {
    name: 'approve',
    label: 'approve',
    shortcut: 'A',
    keyTest: plain('a'),
    needsSelection: true,
    perform: (ctx) => decideOn(ctx.raws, { kind: 'approve' }),
    tone: 'primary',
  },
  {
    name: 'reject',
    label: 'reject',
    shortcut: 'R',
    keyTest: plain('r'),
    needsSelection: true,
    // Asks the reason in a dialog first; it becomes the values' note.
    perform: (ctx) => sendBack(ctx.raws),
  },
  {
    // Approved work changes only through this action (or after a question that says so).
    name: 'reopen',
    label: 'reopen',
    shortcut: 'O',
    keyTest: plain('o'),
    needsSelection: true,
    perform: (ctx) => decideOn(ctx.raws, { kind: 'reopen' }),
  },
  {
    name: 'flag',
    label: 'flag',
    shortcut: 'F',
    keyTest: plain('f'),
    needsSelection: true,
    perform: (ctx) => decideOn(ctx.raws, { kind: 'flag' }),
  },
  {
    name: 'clear',
    label: 'clear',
    shortcut: 'Delete',
    keyTest: (e) => plain('delete')(e),
    needsSelection: true,
    perform: (ctx) => decideOn(ctx.raws, { kind: 'clear' }),
    tone: 'danger',
  },
  {
    name: 'undo',
    label: 'undo',
    shortcut: 'Ctrl+Z',
    keyTest: (e) => (e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z',
    needsSelection: false,
    perform: () => undo(),
  },
  {
    name: 'redo',
    label: 'redo',
    shortcut: 'Ctrl+Shift+Z',
    keyTest: (e) =>
      (e.ctrlKey || e.metaKey) &&
      ((e.shiftKey && e.key.toLowerCase() === 'z') || (!e.shiftKey && e.key.toLowerCase() === 'y')),
    needsSelection: false,
    perform: () => redo(),
  },
];

export function actionByName(name: ActionName): Action {
  const a = actions.find((x) => x.name === name);
  if (!a) throw new Error(`No action ${name}`);
  return a;
}

/**
 * Writing on a value's notes (the side panel's buttons): a note, a reply, a resolve, each one
 * transaction that adds one event. `perform` says what happened and resolves true when stored.
 */
export interface NoteAction {
  readonly name: 'noteAdd' | 'noteReply' | 'noteResolve';
  readonly label: MessageKey;
  readonly perform: (raw: string, input: NoteInput) => Promise<boolean>;
}

const NOTE_DONE: Record<NoteInput['kind'], MessageKey> = {
  note: 'noteSaved',
  reply: 'noteReplied',
  resolve: 'noteWasResolved',
};

async function performNote(raw: string, input: NoteInput): Promise<boolean> {
  const out = await writeNote(raw, input);
  const t = (key: MessageKey) => translate(get().lang, key, { n: 1 });
  if (out === undefined) return false;
  if (typeof out === 'string') {
    notify(
      t(
        out === 'empty'
          ? 'noteEmptyText'
          : out === 'missing'
            ? 'skipped_missing'
            : 'noteWasResolved',
      ),
    );
    return false;
  }
  notify(t(NOTE_DONE[input.kind]));
  return true;
}

export const noteActions: Readonly<Record<NoteAction['name'], NoteAction>> = {
  noteAdd: { name: 'noteAdd', label: 'noteAdd', perform: performNote },
  noteReply: { name: 'noteReply', label: 'noteReply', perform: performNote },
  noteResolve: { name: 'noteResolve', label: 'noteResolve', perform: performNote },
};
