// A project admin's browser writes a checkpoint unasked only when she is idle, online, and nothing
// of hers waits or was refused (docs/team.md, "Checkpoints"; noticed untested at stop 13).
import { describe, expect, it } from 'vitest';
import {
  IDLE_MS,
  idleCheckpointStep,
  type IdleCheckpointState,
} from '../../src/state/checkpoint-idle';

const now = 1_000_000_000;
const idle: IdleCheckpointState = {
  admin: true,
  linked: true,
  online: true,
  pending: 0,
  refused: 0,
  writing: false,
  lastInput: now - IDLE_MS,
  now,
};

describe('the idle checkpoint', () => {
  it('asks the server when an admin has been idle for two minutes, online, with nothing waiting', () => {
    expect(IDLE_MS).toBe(120_000);
    expect(idleCheckpointStep(idle)).toBe('check');
  });

  it('waits while she is at work: a key or a pointer within two minutes', () => {
    expect(idleCheckpointStep({ ...idle, lastInput: now - IDLE_MS + 1 })).toBe('wait');
    expect(idleCheckpointStep({ ...idle, lastInput: now })).toBe('wait');
  });

  it('never writes for a member who is not a project admin, offline, or unlinked', () => {
    expect(idleCheckpointStep({ ...idle, admin: false })).toBe('skip');
    expect(idleCheckpointStep({ ...idle, online: false })).toBe('skip');
    expect(idleCheckpointStep({ ...idle, linked: false })).toBe('skip');
  });

  it('never writes while her own work waits for the server, was refused, or one is being written', () => {
    expect(idleCheckpointStep({ ...idle, pending: 1 })).toBe('skip');
    expect(idleCheckpointStep({ ...idle, refused: 1 })).toBe('skip');
    expect(idleCheckpointStep({ ...idle, writing: true })).toBe('skip');
  });
});
