import { DomainError } from '@app/shared/errors';
import { isValidUscc } from '@app/shared/identifiers';
import { ServiceItemEntity } from './entities/service-item.entity';
import {
  assertItemConsistent,
  changedElements,
  comparePromise,
  elementsOf,
  isLicenceTypeCode,
  ItemElements,
  itemRuleProblems,
  owedOverdueResultOf,
} from './item-rules';
import {
  ENTERPRISE_SETUP_V2,
  EXISTING_ITEM_RULES,
  HOUSING_FUND_DEPT,
  NEW_ITEMS,
  TAX_DEPT,
} from './seed-catalog-rules';
import { SEED_ITEMS, taskCodeOf } from './seed-items';
import { elements } from './testing/item.fixture';

const rules = (it: ItemElements) => itemRuleProblems(it).map((p) => `${p.rule} ${p.field}`);
const material = elements().materials[0];

describe('item consistency rules (gov-standards §3.5)', () => {
  it('accepts a consistent item', () => {
    expect(itemRuleProblems(elements())).toEqual([]);
    expect(() => assertItemConsistent(elements())).not.toThrow();
  });

  it('全程网办 (depth 4) needs 0 visits', () => {
    expect(rules(elements({ visitCount: 1, visitReason: '核验原件' }))).toEqual([
      'FULL_ONLINE_NO_VISIT visitCount',
    ]);
    expect(rules(elements({ onlineDepth: '3', visitCount: 1, visitReason: '核验原件' }))).toEqual([]);
  });

  it('容缺 overdue ends the case as 5 退件 or 1 不予许可, nothing else', () => {
    expect(rules(elements({ owedOverdueResult: '1' }))).toEqual([]);
    expect(rules(elements({ owedOverdueResult: '5' }))).toEqual([]);
    expect(rules(elements({ owedOverdueResult: '6' }))).toEqual(['OWED_OVERDUE_RESULT owedOverdueResult']);
    expect(owedOverdueResultOf(elements({ owedOverdueResult: '1' }))).toBe('1');
    // a version read before the column existed (no value) keeps today's rule
    expect(owedOverdueResultOf({} as ItemElements)).toBe('5');
  });

  it('visits ≠ 0 need the reason for the visit', () => {
    expect(rules(elements({ onlineDepth: '3', visitCount: 2 }))).toEqual([
      'VISIT_REASON_REQUIRED visitReason',
    ]);
    expect(rules(elements({ onlineDepth: '3', visitCount: 2, visitReason: '  ' }))).toEqual([
      'VISIT_REASON_REQUIRED visitReason',
    ]);
  });

  it('the promised limit is within the legal limit', () => {
    expect(rules(elements({ promiseLimit: 21 }))).toEqual(['PROMISE_WITHIN_LEGAL promiseLimit']);
    expect(rules(elements({ promiseLimit: 20 }))).toEqual([]);
    // Working days against calendar days cannot be proved without a calendar: refused.
    expect(rules(elements({ legalUnit: '2', legalLimit: 30, promiseLimit: 5 }))).toEqual([
      'PROMISE_WITHIN_LEGAL promiseLimit',
    ]);
  });

  it('compares units conservatively', () => {
    expect(comparePromise(5, '1', 5, '1')).toBe('within');
    expect(comparePromise(6, '1', 5, '1')).toBe('exceeds');
    expect(comparePromise(0, '1', 0, '1')).toBe('within');
    expect(comparePromise(0, '3', 1, '5')).toBe('within');
    expect(comparePromise(5, '2', 5, '1')).toBe('within'); // n calendar days ≤ n working days
    expect(comparePromise(6, '2', 5, '1')).toBe('exceeds');
    expect(comparePromise(5, '1', 30, '2')).toBe('incomparable'); // holidays could push it past
    expect(comparePromise(48, '3', 2, '1')).toBe('within');
    expect(comparePromise(49, '3', 2, '2')).toBe('exceeds');
    expect(comparePromise(120, '4', 2, '3')).toBe('within');
    expect(comparePromise(1, '5', 30, '2')).toBe('incomparable');
    expect(comparePromise(30, '2', 1, '5')).toBe('incomparable');
  });

  it('即办件 ⇔ promise 0', () => {
    expect(rules(elements({ projectType: '1' }))).toEqual(['IMMEDIATE_MEANS_ZERO_PROMISE projectType']);
    expect(rules(elements({ promiseLimit: 0 }))).toEqual(['IMMEDIATE_MEANS_ZERO_PROMISE projectType']);
    expect(rules(elements({ projectType: '1', promiseLimit: 0 }))).toEqual([]);
  });

  it('a key material cannot be deferrable; a deferrable one is required and has its days', () => {
    const bad = (over: Partial<typeof material>) => elements({ materials: [{ ...material, ...over }] });
    expect(rules(bad({ deferrable: true, deferDays: 5 }))).toEqual([
      'DEFERRABLE_NOT_KEY materials[0].deferrable',
    ]);
    expect(rules(bad({ key: false, deferrable: true, deferDays: null }))).toEqual([
      'DEFER_DAYS materials[0].deferDays',
    ]);
    expect(rules(bad({ key: false, required: false, deferrable: true, deferDays: 3 }))).toEqual([
      'DEFERRABLE_REQUIRED materials[0].deferrable',
    ]);
    expect(rules(bad({ deferDays: 3 }))).toEqual(['DEFER_DAYS materials[0].deferDays']);
    expect(rules(bad({ required: false }))).toEqual(['KEY_MATERIAL_REQUIRED materials[0].key']);
    expect(rules(bad({ key: false, deferrable: true, deferDays: 5 }))).toEqual([]);
  });

  it('告知承诺 materials need postCheckDays, and postCheckDays needs such a material', () => {
    const commit = elements({ materials: [{ ...material, key: false, commitmentAllowed: true }] });
    expect(rules(commit)).toEqual(['POST_CHECK_DAYS postCheckDays']);
    expect(rules({ ...commit, postCheckDays: 20 })).toEqual([]);
    expect(rules(elements({ postCheckDays: 20 }))).toEqual(['POST_CHECK_DAYS postCheckDays']);
  });

  it('a licence item needs a 21-character licence type code (USCC + 3 digits) and a name', () => {
    expect(rules(elements({ licenceTypeCode: '11100000000013565200' }))).toEqual([
      'LICENCE_TYPE_CODE licenceTypeCode',
    ]);
    expect(rules(elements({ licenceTypeCode: null, licenceTypeName: ' ' }))).toEqual([
      'LICENCE_TYPE_CODE licenceTypeCode',
      'LICENCE_TYPE_NAME licenceTypeName',
    ]);
    // 21 characters, but the embedded USCC's check character is wrong.
    expect(rules(elements({ licenceTypeCode: '111000000000135653001' }))).toEqual([
      'LICENCE_TYPE_CODE licenceTypeCode',
    ]);
    expect(isLicenceTypeCode('11100000MB03271699001')).toBe(true);
    expect(rules(elements({ yieldsLicence: false }))).toEqual(['NO_LICENCE_NO_TYPE licenceTypeCode']);
    expect(
      rules(
        elements({
          yieldsLicence: false,
          licenceTypeCode: null,
          licenceTypeName: null,
          licenceValidYears: null,
        }),
      ),
    ).toEqual([]);
  });

  it('the department is a valid USCC, the legal basis is given, codes and keys are unique', () => {
    expect(rules(elements({ deptCode: '113301000024901621' }))).toEqual(['DEPT_CODE_USCC deptCode']);
    expect(rules(elements({ legalBasis: null }))).toEqual(['LEGAL_BASIS_REQUIRED legalBasis']);
    const twice = elements().materials[0];
    expect(rules(elements({ materials: [twice, twice] }))).toEqual(['MATERIAL_CODES_UNIQUE materials']);
    const field = elements().formFields[0];
    expect(rules(elements({ formFields: [field, field] }))).toEqual(['FORM_KEYS_UNIQUE formFields']);
  });

  it('lists every problem at once in one VALIDATION_FAILED', () => {
    const it = elements({ visitCount: 1, projectType: '1', promiseLimit: 30, legalBasis: '' });
    let err: DomainError | undefined;
    try {
      assertItemConsistent(it);
    } catch (e) {
      err = e as DomainError;
    }
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect((err!.details as Array<{ rule: string }>).map((d) => d.rule)).toEqual([
      'FULL_ONLINE_NO_VISIT',
      'VISIT_REASON_REQUIRED',
      'PROMISE_WITHIN_LEGAL',
      'IMMEDIATE_MEANS_ZERO_PROMISE',
      'LEGAL_BASIS_REQUIRED',
    ]);
    expect(err!.details).toEqual(
      expect.arrayContaining([
        {
          rule: 'FULL_ONLINE_NO_VISIT',
          field: 'visitCount',
          problems: [expect.stringContaining('全程网办')],
        },
      ]),
    );
  });

  it('copies and diffs the elements of a version', () => {
    const stored = Object.assign(new ServiceItemEntity(), { ...elements(), id: 'x', status: '2' });
    expect(elementsOf(stored)).toEqual(elements());
    expect(changedElements(elements(), elements({ name: '新名称', supplementDays: 5 }))).toEqual({
      name: { from: '测试许可', to: '新名称' },
      supplementDays: { from: 10, to: 5 },
    });
  });
});

describe('the seeded catalog (migration 1732400000110)', () => {
  it('gives the new departments valid 统一社会信用代码 (GB 32100 MOD 31 with the GB 11714 check)', () => {
    expect(isValidUscc(TAX_DEPT.deptCode)).toBe(true);
    expect(isValidUscc(HOUSING_FUND_DEPT.deptCode)).toBe(true);
    // 机构类别: 1 机关 (税务局), 2 事业单位 (公积金中心).
    expect([TAX_DEPT.deptCode.slice(0, 2), HOUSING_FUND_DEPT.deptCode.slice(0, 2)]).toEqual(['11', '12']);
  });

  it('has every seeded item pass the rules, with the rule kinds the issue asks for', () => {
    const existing = SEED_ITEMS.filter((s) => s.name !== '企业设立登记').map((s) => {
      const r = EXISTING_ITEM_RULES.find((x) => x.taskCode === taskCodeOf(s))!;
      return {
        taskCode: taskCodeOf(s),
        ...elements(),
        ...s,
        materials: s.materials.map((m) => ({
          ...m,
          key: m.required,
          deferrable: false,
          deferDays: null,
          commitmentAllowed: false,
        })),
        yieldsLicence: s.licence !== null,
        licenceTypeCode: s.licence?.typeCode ?? null,
        licenceTypeName: s.licence?.typeName ?? null,
        licenceValidYears: s.licence?.validYears ?? null,
        legalBasis: r.legalBasis,
        onlineDepth: s.visitCount === 0 ? '4' : '3',
        visitReason: r.visitReason ?? (s.visitCount === 0 ? null : '需到现场核验身份及材料原件'),
        postCheckDays: null,
      };
    });
    // The rows of migration 110 got owedOverdueResult from its column's default (5 退件) in migration 190.
    const all = [...existing, ENTERPRISE_SETUP_V2, ...NEW_ITEMS].map((i) => ({
      owedOverdueResult: '5',
      ...i,
    }));
    expect(all.filter((i) => itemRuleProblems(i).length > 0).map((i) => i.name)).toEqual([]);
    expect(all.some((i) => i.projectType === '1')).toBe(true);
    expect(all.some((i) => i.materials.some((m) => m.commitmentAllowed) && i.postCheckDays)).toBe(true);
    expect(all.some((i) => i.materials.some((m) => m.deferrable && !m.key))).toBe(true);
    expect(new Set(NEW_ITEMS.map((i) => i.taskCode)).size).toBe(NEW_ITEMS.length);
  });
});
