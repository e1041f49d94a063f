// When a project admin's browser writes a checkpoint unasked (docs/team.md): only when she has
// been idle for a while, online, with nothing of hers waiting or refused and no checkpoint being
// written; and then only if one is due (the server's newest checkpoint covers too few events,
// checked by sync/checkpoint.ts). Pure: state/team.ts runs the timer and the writing.

/** Idle time before a project admin's browser writes a checkpoint on its own (ms). */
export const IDLE_MS = 120_000;

export interface IdleCheckpointState {
  readonly admin: boolean;
  readonly linked: boolean;
  readonly online: boolean;
  /** Her own events not yet on the server. */
  readonly pending: number;
  /** Her own events the server refused. */
  readonly refused: number;
  readonly writing: boolean;
  /** When she last pressed a key or a pointer (ms since the epoch). */
  readonly lastInput: number;
  readonly now: number;
}

/**
 * What the idle timer does when it fires: `skip` (not an admin, not online, something of hers
 * waiting or refused, a checkpoint being written), `wait` (she was active within IDLE_MS: look
 * again later), or `check` (ask the server whether a checkpoint is due, and write one if so).
 */
export function idleCheckpointStep(s: IdleCheckpointState): 'skip' | 'wait' | 'check' {
  if (!s.admin || !s.linked || !s.online) return 'skip';
  if (s.pending > 0 || s.refused > 0 || s.writing) return 'skip';
  if (s.now - s.lastInput < IDLE_MS) return 'wait';
  return 'check';
}
