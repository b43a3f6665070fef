import { Expose, plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { CONTRACTS } from '../contracts/registry';
import { Topic, TOPICS } from '../contracts/topics';
import { IsText } from './decorators';
import { compiledValidInstance, hasCompiledPlan, sameInstance } from './compiled-validation';

const contractOf = (topic: Topic) => CONTRACTS[topic] as new () => object;

/** What validateContract did before the fast path: the reference the fast path must agree with. */
function reference(cls: new () => object, payload: object, forbid: boolean) {
  const instance = plainToInstance(cls, payload);
  const errors = validateSync(instance, {
    forbidUnknownValues: false,
    whitelist: true,
    forbidNonWhitelisted: forbid,
  });
  return { instance, valid: errors.length === 0 };
}

const at = '2026-11-27T08:00:00.000Z';
const ref = {
  caseNo: '33010020261124000001',
  itemCode: 'X',
  itemName: '事项',
  deptCode: '113301000024901620',
  deptName: '部门',
};
const applicant = {
  userProp: '1',
  name: '李四',
  certType: '111',
  certMasked: '110105********002X',
  certHash: 'a'.repeat(64),
};
const licence = {
  typeCode: '11330100002490162000A',
  typeName: '食品经营许可证',
  validYears: 5,
  faceFields: { 经营者名称: '某某小吃店', 住所: '杭州市' },
};
const approvalId = '5a8f7f43-7f5e-4a55-9f6a-08c1f9a1b6a1';

/** Valid payloads of the topics a case crosses and of the shapes the contracts use (nested, arrays, each). */
const SAMPLES: Array<[Topic, Record<string, unknown>]> = [
  [
    TOPICS.APPLICATION_SUBMITTED,
    { ...ref, applicant, submitChannel: '1', projectType: '2', submittedAt: at },
  ],
  [
    TOPICS.APPLICATION_ACCEPTED,
    {
      ...ref,
      applicant,
      taskType: '01',
      projectType: '2',
      acceptDocNo: 'SL-2026-000001',
      acceptedAt: at,
      promiseDate: '2026-12-10',
      promiseLimit: 10,
      promiseUnit: '1',
      legalLimit: 20,
      legalUnit: '1',
      visitLimit: 0,
      licence,
      acceptedBy: '窗口 王五',
      owedMaterials: [{ code: 'M03', name: '印模', dueDate: '2026-12-01' }],
      commitment: { commitmentNo: `CN${ref.caseNo}`, materials: ['M04'], postCheckDueDate: '2027-01-10' },
      materials: [
        { code: 'M01', name: '申请书', count: 1, attachNames: ['申请书.pdf'] },
        { code: 'M02', name: '营业执照', count: 2 },
      ],
    },
  ],
  [
    TOPICS.APPLICATION_SUPPLEMENT_REQUESTED,
    {
      ...ref,
      noticeNo: `BZ${ref.caseNo}-1`,
      seq: 1,
      materials: [{ code: 'M01', name: '申请书', reason: '缺少签字\n请补签' }],
      requestedAt: at,
      requestedBy: '窗口 王五',
      dueDate: '2026-12-04',
      preReview: true,
    },
  ],
  [
    TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED,
    { ...ref, materials: ['M03'], outstanding: [], suppliedAt: at },
  ],
  [
    TOPICS.APPROVAL_CASE_OPENED,
    {
      ...ref,
      approvalId,
      steps: ['受理', '审核', '批准'],
      dueDate: '2026-12-10',
      openedAt: at,
      stepDueDate: null,
    },
  ],
  [
    TOPICS.APPROVAL_STEP_COMPLETED,
    {
      ...ref,
      approvalId,
      stepNo: 1,
      stepCode: '1',
      stepName: '承办',
      result: '1',
      opinion: '',
      handledBy: '科员 赵六',
      completedAt: at,
      nextStepNo: 2,
      nextStepName: '审核',
      nextStepDueDate: '2026-12-03',
    },
  ],
  [
    TOPICS.APPROVAL_CASE_APPROVED,
    { ...ref, approvalId, applicant, licence, opinion: '同意', approvedAt: at },
  ],
  [TOPICS.APPROVAL_CASE_DENIED, { ...ref, approvalId, opinion: '不符合法定条件', deniedAt: at }],
  [
    TOPICS.LICENCE_ISSUED,
    {
      licenceId: '1.2.156.3005.2.11330100002490162000A.113301000024901620.0001.001.X',
      caseNo: ref.caseNo,
      itemCode: 'X',
      typeCode: '11330100002490162000A',
      typeName: '食品经营许可证',
      holderName: '李四',
      holderCertType: '111',
      holderCertMasked: '110105********002X',
      holderCertHash: 'b'.repeat(64),
      issuerCode: '113301000024901620',
      issuerName: '部门',
      issueDate: '2026-11-27',
      validTo: null,
      version: '001',
      kid: 'k1',
      verifyUrl: 'https://example.gov.cn/v/abc',
    },
  ],
  [
    TOPICS.CASE_COMPLETED,
    {
      ...ref,
      doneResult: '0',
      completedAt: at,
      applicant,
      applicantSub: 'user-1',
      projectType: '2',
      licenceId: null,
      visits: 1,
      visitLimit: 1,
    },
  ],
  [
    TOPICS.REVIEW_SUBMITTED,
    {
      reviewId: approvalId,
      caseNo: ref.caseNo,
      itemCode: 'X',
      deptCode: ref.deptCode,
      satisfaction: 5,
      pf: '1',
      assessNumber: 1,
      assessTime: at,
    },
  ],
  [
    TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE,
    {
      ...ref,
      materials: [{ code: 'M03', name: '印模', dueDate: '2026-12-01' }],
      overdueAt: at,
      previousStatus: 'ACCEPTED',
      doneResult: '5',
    },
  ],
];

const WRONG_VALUES: unknown[] = [
  undefined,
  null,
  '',
  '  ',
  '  padded  ',
  'x'.repeat(1200),
  'a\u0000b',
  0,
  -1,
  1.5,
  99999,
  true,
  [],
  [null],
  [undefined],
  ['M01'],
  [{}],
  {},
  { code: 'M01' },
  new Date(at),
  at,
  '2026-12-01',
  '1',
];

/** Every payload one edit away from `payload`: each field deleted, replaced, extended, at every depth. */
function mutations(payload: unknown): unknown[] {
  if (payload === null || typeof payload !== 'object') return [];
  const out: unknown[] = [];
  if (Array.isArray(payload)) {
    out.push([], [...payload, ...payload], [...payload, null]);
    payload.forEach((item, i) => {
      for (const m of [...mutations(item), ...WRONG_VALUES]) {
        out.push(payload.map((x, j) => (j === i ? m : x)));
      }
    });
    return out;
  }
  const record = payload as Record<string, unknown>;
  out.push({ ...record, undeclared: 'x' }, { ...record, certNo: '11010519491231002X' });
  for (const key of Object.keys(record)) {
    const { [key]: _removed, ...without } = record;
    out.push(without);
    for (const m of [...mutations(record[key]), ...WRONG_VALUES]) out.push({ ...record, [key]: m });
  }
  return out;
}

describe('compiled contract validation (the fast path of validateContract)', () => {
  it('compiles a plan for every contract', () => {
    for (const [topic, cls] of Object.entries(CONTRACTS)) {
      expect([topic, hasCompiledPlan(cls)]).toEqual([topic, true]);
    }
  });

  it.each(SAMPLES)(
    'answers a valid %s itself, with the instance plainToInstance builds',
    (topic, payload) => {
      const cls = contractOf(topic);
      for (const forbid of [true, false]) {
        const expected = reference(cls, payload, forbid);
        expect(expected.valid).toBe(true); // the sample itself is valid
        const fast = compiledValidInstance(cls, payload);
        expect(fast).toBeInstanceOf(cls);
        expect(sameInstance(fast, expected.instance)).toBe(true);
      }
    },
  );

  it.each(SAMPLES)(
    'never accepts a mutation of %s that class-validator refuses, nor builds it differently',
    (topic, payload) => {
      const cls = contractOf(topic);
      let refused = 0;
      let answeredFast = 0;
      for (const mutated of mutations(payload)) {
        const fast = compiledValidInstance(cls, mutated as object);
        for (const forbid of [true, false]) {
          const expected = reference(cls, mutated as object, forbid);
          if (!expected.valid) refused++;
          if (fast === undefined) continue;
          answeredFast++;
          expect({ mutated, forbid, valid: expected.valid }).toEqual({ mutated, forbid, valid: true });
          expect({ mutated, same: sameInstance(fast, expected.instance) }).toEqual({ mutated, same: true });
        }
      }
      // The mutations reach both verdicts: many are refused, and valid variants are still answered fast.
      expect(refused).toBeGreaterThan(50);
      expect(answeredFast).toBeGreaterThan(0);
    },
  );

  it('trims text as IsText’s @Transform does, and leaves free-form objects as plain copies', () => {
    const [topic, payload] = SAMPLES[6]; // approved: opinion (IsText), licence.faceFields (IsObject)
    const padded = { ...payload, opinion: '  同意  ' };
    const fast = compiledValidInstance(contractOf(topic), padded) as Record<string, unknown>;
    expect(fast.opinion).toBe('同意');
    const faceFields = (fast.licence as Record<string, unknown>).faceFields;
    expect(Object.getPrototypeOf(faceFields)).toBe(Object.prototype);
    expect(faceFields).not.toBe(licence.faceFields);
    expect(faceFields).toEqual(licence.faceFields);
  });

  it('leaves to class-validator what it does not model: undeclared keys, non-JSON values, unmodelled decorators', () => {
    const [topic, payload] = SAMPLES[0];
    const cls = contractOf(topic);
    expect(compiledValidInstance(cls, { ...payload, extra: 1 })).toBeUndefined();
    expect(compiledValidInstance(cls, { ...payload, submittedAt: new Date(at) })).toBeUndefined();

    class Renamed {
      @Expose({ name: 'n' }) @IsString() name!: string;
    }
    class Grouped {
      @Transform(({ value }: { value: unknown }) => value, { groups: ['x'] }) @IsInt() n!: number;
    }
    class Untyped {
      @ValidateNested() inner!: object;
    }
    class Defaulted {
      @IsOptional() @IsInt() n?: number = 1;
    }
    class Child {
      @IsText({ max: 10 }) name!: string;
    }
    class Parent {
      @ValidateNested() @Type(() => Child) child!: Child;
    }
    expect(hasCompiledPlan(Renamed)).toBe(false);
    expect(hasCompiledPlan(Untyped)).toBe(false);
    expect(hasCompiledPlan(Defaulted)).toBe(false);
    expect(hasCompiledPlan(Grouped)).toBe(true); // a grouped transform is not applied without groups
    expect(compiledValidInstance(Grouped, { n: 1 })).toEqual(Object.assign(new Grouped(), { n: 1 }));
    expect(hasCompiledPlan(Parent)).toBe(true);
    const parent = compiledValidInstance(Parent, { child: { name: ' 甲 ' } });
    expect(parent?.child).toBeInstanceOf(Child);
    expect(parent?.child.name).toBe('甲');
    expect(compiledValidInstance(Parent, { child: 'x' })).toBeUndefined();
    expect(compiledValidInstance(Parent, { child: { name: '' } })).toBeUndefined();
  });

  it('converts as @Type(() => Number | Boolean | String) does (query strings), element by element in arrays', () => {
    class Query {
      @IsOptional() @Type(() => Number) @IsInt() @Min(1) limit?: number;
      @IsOptional() @Type(() => Boolean) @IsBoolean() flag?: boolean;
      @IsOptional() @Type(() => String) @IsString() name?: string;
      @IsOptional() @IsArray() @Type(() => Number) @IsInt({ each: true }) ids?: number[];
    }
    expect(hasCompiledPlan(Query)).toBe(true);
    const inputs: unknown[] = [
      '20',
      '0',
      '-1',
      'abc',
      '',
      ' ',
      '1e3',
      '1.5',
      null,
      true,
      7,
      [],
      ['1', '2'],
      [['1']],
      ['x'],
      {},
      [{}],
    ];
    let fast = 0;
    for (const key of ['limit', 'flag', 'name', 'ids']) {
      for (const input of inputs) {
        const payload = { [key]: input };
        const got = compiledValidInstance(Query, payload);
        if (got === undefined) continue;
        fast++;
        const expected = reference(Query, payload, true);
        expect({ payload, valid: expected.valid }).toEqual({ payload, valid: true });
        expect({ payload, same: sameInstance(got, expected.instance) }).toEqual({ payload, same: true });
      }
    }
    expect(fast).toBeGreaterThan(10);
    expect(compiledValidInstance(Query, { limit: '20', ids: ['1', '2'] })).toEqual(
      Object.assign(new Query(), { limit: 20, ids: [1, 2] }),
    );
  });

  it('takes objects without a prototype (Fastify’s query objects) as class-transformer does', () => {
    for (const [topic, payload] of SAMPLES.slice(0, 3)) {
      const cls = contractOf(topic);
      const bare = Object.assign(Object.create(null) as object, payload);
      const got = compiledValidInstance(cls, bare);
      expect(got).toBeInstanceOf(cls);
      expect(sameInstance(got, reference(cls, bare, true).instance)).toBe(true);
      const withToString = Object.assign(Object.create(null) as object, payload, { toString: 'x' });
      expect(compiledValidInstance(cls, withToString)).toBeUndefined();
    }
  });

  it('gives no plan to a class in a cycle through an unsupported class, whatever was planned first', () => {
    class Leaf {
      @IsString() name!: string;
      @IsOptional() @ValidateNested() @Type(() => Root) root?: object;
    }
    class Root {
      @ValidateNested() @Type(() => Leaf) leaf!: Leaf;
      // unsupported (a discriminator), and found only after Leaf was planned through `leaf`
      @IsDefined()
      @Type(() => Leaf, { discriminator: { property: 'kind', subTypes: [{ value: Leaf, name: 'leaf' }] } })
      other!: Leaf;
    }
    expect(hasCompiledPlan(Root)).toBe(false);
    const missingOther = { name: 'a', root: { leaf: { name: 'b' } } };
    expect(reference(Leaf, missingOther, true).valid).toBe(false);
    expect(compiledValidInstance(Leaf, missingOther)).toBeUndefined();
    expect(hasCompiledPlan(Leaf)).toBe(false); // Leaf nests Root
  });

  it('drops its plans when a decorator registers later (a class defined after first use)', () => {
    class Late {
      @IsString() a!: string;
    }
    expect(compiledValidInstance(Late, { a: 'x' })).toBeInstanceOf(Late);
    IsInt()(Late.prototype, 'a'); // a rule added to a class already planned
    expect(compiledValidInstance(Late, { a: 'x' })).toBeUndefined();
  });
});
