import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../src/core/codebook-versions';
import { readBackupFile, writeBackupFile } from '../../src/core/formats/backup';
import { readCodebookFile, writeCodebookFile } from '../../src/core/formats/codebook';
import {
  buildMappingFile,
  readMappingFile,
  writeMappingFile,
} from '../../src/core/formats/mapping';
import type { KodbokDb } from '../../src/db/db';
import {
  backupProject,
  byRaw,
  editCodebook,
  loadCodebookVersions,
  loadValues,
  loadVariables,
  nextSteps,
  replaceCodebook,
  replay,
  restoreProject,
} from '../../src/db/repo';
import { codebook, decideAs, freshDb, projectWith, variable } from './helpers';

// The codebook editor's storage (issue 11 items 1 and 2): each edit is one transaction with its
// values and its version, recorded in the history, undone and redone like any other action.

const V = variable.id;

async function codesOf(db: KodbokDb, project: string) {
  const [v] = await loadVariables(db, project);
  return v?.codebook.categories.map((c) => c.code);
}

async function valueOf(db: KodbokDb, project: string, raw: string) {
  const v = byRaw(await loadValues(db, project, V)).get(raw);
  if (!v) throw new Error(`no value ${raw}`);
  return v;
}

/** AL merges H01 into H07. */
function mergeH01(db: KodbokDb, project: string, approved?: 'keep-approval' | 'review-again') {
  return editCodebook(db, {
    project,
    variable: V,
    edit: { kind: 'merge', from: 'H01', into: 'H07' },
    by: 'AL',
    ...(approved ? { approved } : {}),
  });
}

/** A project where AL coded three values to H01 and EK approved one of them. */
async function coded(db: KodbokDb) {
  const p = await projectWith(db, [
    ['Omsorgsbrist', 40],
    ['Bristande omsorg', 10],
    ['Missbruk', 5],
  ]);
  await decideAs(db, p.id, 'AL', ['Omsorgsbrist', 'Bristande omsorg'], {
    kind: 'assign',
    code: 'H01',
  });
  await decideAs(db, p.id, 'EK', ['Omsorgsbrist'], { kind: 'approve' });
  return p;
}

describe('a merge is one recorded action, undone exactly', () => {
  it('recodes the merged category’s values, makes a version, and undo gives everything back', async () => {
    const db = freshDb();
    const p = await coded(db);
    const approvedBefore = await valueOf(db, p.id, 'Omsorgsbrist');
    const r = await mergeH01(db, p.id, 'review-again');
    expect(r).toMatchObject({ ok: true, changed: 2, version: 2 });
    expect(await codesOf(db, p.id)).toEqual(['HEM', 'H07', 'B11']);
    expect(await valueOf(db, p.id, 'Omsorgsbrist')).toMatchObject({
      code: 'H07',
      status: 'coded',
      reviewedBy: null,
    });
    // Version 1 is the codebook before (kept when the first change was saved), 2 after it.
    const versions = await loadCodebookVersions(db, p.id, V);
    expect(versions.map((v) => [v.number, v.by, v.cause.kind])).toEqual([
      [1, 'AL', 'first'],
      [2, 'AL', 'edit'],
    ]);
    // Undo names the merge, with its author.
    const steps = await nextSteps(db, p.id, V, 'AL');
    expect(steps.undo).toMatchObject({
      kind: 'codebook',
      by: 'AL',
      values: 2,
      codebook: { edit: 'merge', code: 'H01', into: 'H07', from: 1, to: 2 },
    });
    const undone = await replay(db, 'undo', p.id, V, 'AL');
    expect(undone).toMatchObject({ changed: 2 });
    expect(await codesOf(db, p.id)).toEqual(codebook.categories.map((c) => c.code));
    expect(await valueOf(db, p.id, 'Omsorgsbrist')).toEqual(approvedBefore);
    expect((await loadCodebookVersions(db, p.id, V)).map((v) => v.cause)).toEqual([
      { kind: 'first' },
      { kind: 'edit', edit: { kind: 'merge', from: 'H01', into: 'H07' } },
      { kind: 'undo', version: 2 },
    ]);
    // Redo makes the merge again.
    const steps2 = await nextSteps(db, p.id, V, 'AL');
    expect(steps2.redo).toMatchObject({ kind: 'codebook', codebook: { edit: 'merge' } });
    await replay(db, 'redo', p.id, V, 'AL');
    expect(await codesOf(db, p.id)).toEqual(['HEM', 'H07', 'B11']);
    expect((await valueOf(db, p.id, 'Omsorgsbrist')).code).toBe('H07');
  });

  it('keeps the approval when the person said so', async () => {
    const db = freshDb();
    const p = await coded(db);
    await mergeH01(db, p.id, 'keep-approval');
    expect(await valueOf(db, p.id, 'Omsorgsbrist')).toMatchObject({
      code: 'H07',
      status: 'approved',
      reviewedBy: 'EK',
    });
  });

  it('an undo never overwrites a later decision: a value changed since leaves the merge in place', async () => {
    const db = freshDb();
    const p = await coded(db);
    await mergeH01(db, p.id);
    await decideAs(db, p.id, 'EK', ['Bristande omsorg'], { kind: 'assign', code: 'B11' });
    const r = await replay(db, 'undo', p.id, V, 'AL');
    expect(r).toMatchObject({ changed: 0, skipped: { 'changed-since': 2 } });
    expect(await codesOf(db, p.id)).toEqual(['HEM', 'H07', 'B11']);
    expect((await valueOf(db, p.id, 'Bristande omsorg')).code).toBe('B11');
  });
});

describe('a new code', () => {
  it('takes its values along, keeping their decisions; undo gives the old code back', async () => {
    const db = freshDb();
    const p = await coded(db);
    const before = await valueOf(db, p.id, 'Omsorgsbrist');
    const r = await editCodebook(db, {
      project: p.id,
      variable: V,
      edit: { kind: 'edit', code: 'H01', fields: { code: 'H1', label: 'Bristande omsorg' } },
      by: 'AL',
    });
    expect(r).toMatchObject({ ok: true, changed: 2 });
    expect(await valueOf(db, p.id, 'Omsorgsbrist')).toEqual({ ...before, code: 'H1' });
    expect(await replay(db, 'undo', p.id, V, 'AL')).toMatchObject({ changed: 2 });
    expect(await valueOf(db, p.id, 'Omsorgsbrist')).toEqual(before);
    expect(await codesOf(db, p.id)).toContain('H01');
  });
});

describe('refusals store nothing', () => {
  it('deprecating or deleting a category that values have is refused until they are recoded', async () => {
    const db = freshDb();
    const p = await coded(db);
    const edit = (e: Parameters<typeof editCodebook>[1]['edit']) =>
      editCodebook(db, { project: p.id, variable: V, edit: e, by: 'AL' });
    expect(await edit({ kind: 'deprecate', code: 'H01', deprecated: true })).toEqual({
      ok: false,
      refusal: 'has-values',
      code: 'H01',
    });
    expect(await edit({ kind: 'delete', code: 'H01' })).toMatchObject({ refusal: 'has-values' });
    expect(await loadCodebookVersions(db, p.id, V)).toEqual([]);
    await decideAs(db, p.id, 'AL', ['Omsorgsbrist', 'Bristande omsorg'], { kind: 'clear' });
    // The approved value is kept by a plain clear: it still has H01.
    expect(await edit({ kind: 'delete', code: 'H01' })).toMatchObject({ refusal: 'has-values' });
  });

  it('an undo that would remove a category values were coded to since is refused', async () => {
    const db = freshDb();
    const p = await coded(db);
    await editCodebook(db, {
      project: p.id,
      variable: V,
      edit: { kind: 'add', category: { code: 'B12', label: 'Ny', parent: null } },
      by: 'AL',
    });
    await decideAs(db, p.id, 'EK', ['Missbruk'], { kind: 'assign', code: 'B12' });
    const r = await replay(db, 'undo', p.id, V, 'AL');
    expect(r).toMatchObject({ changed: 0, skipped: { 'not-a-leaf': 1 } });
    expect(await codesOf(db, p.id)).toContain('B12');
  });
});

describe('split, versions, backup', () => {
  it('a split leaves codes as they are, the diff names it; the backup keeps every version', async () => {
    const db = freshDb();
    const p = await coded(db);
    await editCodebook(db, {
      project: p.id,
      variable: V,
      edit: { kind: 'split', code: 'H01', into: [{ code: 'H02', label: 'Bristande tillsyn' }] },
      by: 'AL',
    });
    await editCodebook(db, {
      project: p.id,
      variable: V,
      edit: { kind: 'edit', code: 'B11', fields: { code: 'B1', label: 'Barnets bruk' } },
      by: 'EK',
    });
    expect((await valueOf(db, p.id, 'Omsorgsbrist')).code).toBe('H01');
    const versions = await loadCodebookVersions(db, p.id, V);
    expect(versions.map((v) => v.number)).toEqual([1, 2, 3]);
    expect(diffVersions(versions, 1, 3)).toMatchObject({
      added: [{ code: 'H02' }],
      removed: [],
      renamed: [{ code: 'B1', oldCode: 'B11', label: 'Barnets bruk' }],
      split: [{ code: 'H01', into: ['H02'] }],
      changed: [],
    });
    const text = writeBackupFile(await backupProject(db, p.id));
    const read = readBackupFile(text);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value.codebookVersions.map((v) => [v.variable, v.number, v.cause.kind])).toEqual([
      [V, 1, 'first'],
      [V, 2, 'edit'],
      [V, 3, 'edit'],
    ]);
    const other = freshDb();
    const restored = await restoreProject(other, read.value, (n) => n);
    expect(await loadCodebookVersions(other, restored.id, V)).toEqual(
      versions.map((v) => ({ ...v, project: restored.id })),
    );
    // The restored history undoes the rename as it would have here.
    await replay(other, 'undo', restored.id, V, 'EK');
    expect(await codesOf(other, restored.id)).toContain('B11');
  });

  it('a backup without versions restores, and its codebook becomes version 1 at the first change', async () => {
    const db = freshDb();
    const p = await coded(db);
    const backup = JSON.parse(writeBackupFile(await backupProject(db, p.id))) as Record<
      string,
      unknown
    >;
    delete backup['codebookVersions'];
    const read = readBackupFile(JSON.stringify(backup));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const other = freshDb();
    const restored = await restoreProject(other, read.value, (n) => n);
    await replaceCodebook(other, restored.id, V, { ...codebook, title: 'Ny titel' }, 'AL');
    expect(
      (await loadCodebookVersions(other, restored.id, V)).map((v) => [v.number, v.cause.kind]),
    ).toEqual([
      [1, 'first'],
      [2, 'import'],
    ]);
  });
});

describe('the exports name the version they used', () => {
  it('a saved codebook says which version it is; its file and the mapping made with it name it', async () => {
    const db = freshDb();
    const p = await coded(db);
    await mergeH01(db, p.id);
    const [v] = await loadVariables(db, p.id);
    if (!v) throw new Error('no variable');
    expect(v.codebook.revision).toMatchObject({ number: 2, by: 'AL' });
    const file = readCodebookFile(writeCodebookFile(v.codebook));
    expect(file.ok && file.value.revision).toEqual(v.codebook.revision);
    const mapping = buildMappingFile({
      variable: V,
      codebook: v.codebook,
      split: v.split,
      values: await loadValues(db, p.id, V),
      full: true,
      exportedAt: '2026-12-06T00:00:00Z',
    });
    const read = readMappingFile(writeMappingFile(mapping));
    expect(read.ok && read.value.codebook).toEqual({ id: codebook.id, revision: 2 });
  });
});
