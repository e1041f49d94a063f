import { describe, expect, it } from 'vitest';
import { readMappingFile } from '../../src/core/formats/mapping';
import { planMappingImport } from '../../src/core/import-plan';
import { byRaw, importMapping, loadValues, valueHistory } from '../../src/db/repo';
import { codebook, freshDb, projectWith, variable, decideAs } from './helpers';

const V = variable.id;

function mappingText(entries: object[]): string {
  return JSON.stringify({
    format: 'kodbok/mapping',
    formatVersion: 1,
    variable: V,
    codebook: { id: codebook.id },
    entries,
  });
}

describe('importing a mapping (staged, then one transaction)', () => {
  it('previews what will change, then codes known values and adds unknown ones', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['Missbruk förälder', 10],
      ['Bristande omsorg', 4],
    ]);
    const r = readMappingFile(
      mappingText([
        { raw: 'Missbruk förälder', code: 'H07', status: 'approved', reviewedBy: 'erik' },
        { raw: 'Omsorgsbrist', code: 'H01', status: 'approved' },
        { raw: '__proto__', code: 'H01', status: 'coded' },
        { raw: 'Okänd', code: 'ZZZ', status: 'approved' },
      ]),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const plan = planMappingImport(byRaw(await loadValues(db, p.id, V)), r.value, codebook);
    expect(plan.change.map((c) => c.raw)).toEqual(['Missbruk förälder']);
    expect(plan.add.map((e) => e.raw)).toEqual(['Omsorgsbrist', '__proto__']);
    expect(plan.unknownCodes.map((e) => e.code)).toEqual(['ZZZ']);

    const changed = await importMapping(db, p.id, V, r.value, 'anna');
    expect(changed).toBe(3);
    const values = byRaw(await loadValues(db, p.id, V));
    expect(values.get('Missbruk förälder')).toMatchObject({
      code: 'H07',
      status: 'approved',
      reviewedBy: 'erik',
      frequency: 10,
    });
    expect(values.get('Omsorgsbrist')).toMatchObject({
      code: 'H01',
      status: 'approved',
      frequency: 0,
    });
    expect(values.get('__proto__')).toMatchObject({ code: 'H01', status: 'coded' });
    expect(values.has('Okänd')).toBe(false);
    expect((await valueHistory(db, p.id, V, 'Missbruk förälder'))[0]).toMatchObject({
      kind: 'import-mapping',
      by: 'anna',
    });
  });

  it('shows approved values that the file would recode as conflicts', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['a', 1]]);
    await decideAs(db, p.id, 'x', ['a'], { kind: 'assign', code: 'H01' });
    await decideAs(db, p.id, 'y', ['a'], { kind: 'approve' });
    const r = readMappingFile(mappingText([{ raw: 'a', code: 'H07', status: 'approved' }]));
    if (!r.ok) throw new Error('unreadable');
    const plan = planMappingImport(byRaw(await loadValues(db, p.id, V)), r.value, codebook);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]?.from).toEqual({ code: 'H01', status: 'approved' });
  });
});
