import { DomainError } from '@app/shared/errors';
import { testWorkCalendar } from '@app/shared/testing';
import type { MaterialSpec } from '../catalog/entities/service-item.entity';
import type { OwedMaterialEntity } from './entities/owed-material.entity';
import { checkCommitment, checkOwedSupply, outstanding, planOwed } from './obligations';
import { anItem } from './testing/case.fixture';

const spec = (code: string, over: Partial<MaterialSpec> = {}): MaterialSpec => ({
  code,
  name: `材料${code}`,
  required: true,
  format: '电子',
  source: '申请人自备',
  key: true,
  deferrable: false,
  deferDays: null,
  commitmentAllowed: false,
  ...over,
});
const item = anItem({
  materials: [
    spec('M01'),
    spec('M02', { key: false, deferrable: true, deferDays: 3 }),
    spec('M03', { key: false, deferrable: true, deferDays: 5 }),
    spec('M04', { key: false, commitmentAllowed: true }),
  ],
  postCheckDays: 20,
});
const files = (...codes: string[]) => codes.map((code) => ({ code, fileName: `${code}.pdf` }));
const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'OK';
  } catch (e) {
    return (e as DomainError).code;
  }
};
// Monday 2026-11-23 10:00 Asia/Shanghai.
const at = new Date('2026-11-23T02:00:00Z');

describe('容缺: planOwed', () => {
  const cal = testWorkCalendar();

  it('owes the listed materials and every required deferrable one still missing, due in working days', () => {
    const plan = planOwed(cal, item, { materials: files('M01', 'M04') }, ['M03'], [], at);
    expect(plan.map((p) => [p.code, p.dueDate])).toEqual([
      ['M03', cal.dueDate(at, 5, '1').dueDate],
      ['M02', cal.dueDate(at, 3, '1').dueDate],
    ]);
    expect(plan[1].dueDate).toBe('2026-11-26');
  });

  it('refuses key, unknown, duplicated and already given materials', () => {
    const c = { materials: files('M01', 'M02') };
    expect(codeOf(() => planOwed(cal, item, c, ['M01'], [], at))).toBe('MATERIAL_NOT_DEFERRABLE');
    expect(codeOf(() => planOwed(cal, item, c, ['M04'], [], at))).toBe('MATERIAL_NOT_DEFERRABLE');
    expect(codeOf(() => planOwed(cal, item, c, ['M09'], [], at))).toBe('UNKNOWN_MATERIAL');
    expect(codeOf(() => planOwed(cal, item, c, ['M03', 'M03'], [], at))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => planOwed(cal, item, c, ['M02'], [], at))).toBe('VALIDATION_FAILED');
  });
});

describe('容缺: checkOwedSupply', () => {
  const row = (code: string, dueAt: Date, over: Partial<OwedMaterialEntity> = {}): OwedMaterialEntity =>
    Object.assign({} as OwedMaterialEntity, {
      code,
      name: code,
      dueDate: '2026-11-26',
      dueAt,
      suppliedAt: null,
      overdueAt: null,
      fileName: null,
      ...over,
    });
  const later = new Date('2026-11-26T15:59:59Z');
  const owed = [row('M02', later), row('M03', later), row('M05', later, { suppliedAt: at, fileName: 'x' })];

  it('takes some or all outstanding materials, each once, in time', () => {
    expect(checkOwedSupply(owed, files('M03'), at).map((o) => o.code)).toEqual(['M03']);
    expect(outstanding(owed).map((o) => o.code)).toEqual(['M02', 'M03']);
    expect(codeOf(() => checkOwedSupply(owed, files('M05'), at))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkOwedSupply(owed, files('M02', 'M02'), at))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkOwedSupply(owed, files('M02'), new Date('2026-11-26T16:00:00Z')))).toBe(
      'SUPPLEMENT_DEADLINE_PASSED',
    );
  });
});

describe('告知承诺: checkCommitment', () => {
  const signed = {
    statement: '承诺属实承诺属实承诺属实',
    signerName: '赵六',
    signedAt: at,
    materials: ['M04'],
  };

  it('accepts a commitment for commitmentAllowed materials not also submitted, with their names', () => {
    expect(checkCommitment(item, signed, files('M01'), at)).toEqual([{ code: 'M04', name: '材料M04' }]);
  });

  it('refuses other materials, items without a post-check, duplicates, submitted ones and a future signature', () => {
    expect(codeOf(() => checkCommitment(item, { ...signed, materials: ['M01'] }, [], at))).toBe(
      'COMMITMENT_NOT_ALLOWED',
    );
    expect(codeOf(() => checkCommitment({ ...item, postCheckDays: null }, signed, [], at))).toBe(
      'COMMITMENT_NOT_ALLOWED',
    );
    expect(codeOf(() => checkCommitment(item, { ...signed, materials: ['M04', 'M04'] }, [], at))).toBe(
      'VALIDATION_FAILED',
    );
    expect(codeOf(() => checkCommitment(item, signed, files('M04'), at))).toBe('VALIDATION_FAILED');
    const future = new Date(at.getTime() + 10 * 60_000);
    expect(codeOf(() => checkCommitment(item, { ...signed, signedAt: future }, [], at))).toBe(
      'VALIDATION_FAILED',
    );
  });
});
