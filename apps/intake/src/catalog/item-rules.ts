import { DomainError } from '@app/shared/errors';
import { isValidUscc } from '@app/shared/identifiers';
import type { ServiceItemEntity } from './entities/service-item.entity';
import { ONLINE_DEPTH_FULL } from './item-codes';

/** The standard elements of an item that an admin edits (everything but identity, status and dates). */
export const ELEMENT_FIELDS = [
  'catalogCode',
  'name',
  'taskType',
  'deptCode',
  'deptName',
  'legalLimit',
  'legalUnit',
  'promiseLimit',
  'promiseUnit',
  'projectType',
  'visitCount',
  'serverTypes',
  'materials',
  'formFields',
  'yieldsLicence',
  'licenceTypeCode',
  'licenceTypeName',
  'licenceValidYears',
  'legalBasis',
  'onlineDepth',
  'visitReason',
  'supplementLimit',
  'supplementDays',
  'postCheckDays',
  'owedOverdueResult',
] as const satisfies ReadonlyArray<keyof ServiceItemEntity>;

export type ItemElements = Pick<ServiceItemEntity, (typeof ELEMENT_FIELDS)[number]>;

/**
 * 容缺: the item's rule for a case whose owed material is overdue — the 办结结果 (DONE doneresult) it ends
 * with: 5 退件 (the default: the applicant did not complete the file) or 1 不予许可 (the file stays
 * incomplete, so the licence is refused).
 */
export const OWED_OVERDUE_RESULTS = { RETURNED: '5', DENIED: '1' } as const;
export const OWED_OVERDUE_RESULT_CODES: string[] = Object.values(OWED_OVERDUE_RESULTS);

/** The 办结结果 of an item's cases whose owed materials are overdue (5 退件 unless the item says 1). */
export function owedOverdueResultOf(item: Pick<ServiceItemEntity, 'owedOverdueResult'>): string {
  return item.owedOverdueResult ?? OWED_OVERDUE_RESULTS.RETURNED;
}

/** One broken consistency rule: a stable rule id, the field it is about, and what is wrong. */
export interface RuleProblem {
  rule: string;
  field: string;
  problems: string[];
}

/** Minutes a limit lasts at least, for the units that can be compared that way (hours, minutes). */
const MINUTES: Record<string, number> = { '3': 60, '4': 1 };
/** A day-based limit (工作日 or 自然日) of n lasts at least n × 24 h (the start day does not count). */
const DAY_UNITS = ['1', '2'];

/**
 * Whether the 承诺时限 is within the 法定时限, conservatively, without a calendar:
 * - same unit: compare the values; a promise of 0 (即办) is always within;
 * - 小时 and 分钟 convert into each other; against a day-based legal limit they count as ≤ n × 1440 minutes;
 * - a promise in 自然日 is within a legal limit of at least as many 工作日 (n working days span ≥ n days);
 * - anything else (工作日 against 自然日, 月 against days) cannot be proved without a calendar: refused as
 *   `incomparable`, state both limits in one unit.
 */
export function comparePromise(
  promise: number,
  promiseUnit: string,
  legal: number,
  legalUnit: string,
): 'within' | 'exceeds' | 'incomparable' {
  const verdict = (ok: boolean) => (ok ? 'within' : 'exceeds');
  if (promise === 0) return 'within';
  if (promiseUnit === legalUnit) return verdict(promise <= legal);
  if (promiseUnit in MINUTES) {
    if (legalUnit in MINUTES) return verdict(promise * MINUTES[promiseUnit] <= legal * MINUTES[legalUnit]);
    if (DAY_UNITS.includes(legalUnit)) return verdict(promise * MINUTES[promiseUnit] <= legal * 1440);
    return 'incomparable';
  }
  if (promiseUnit === '2' && legalUnit === '1') return verdict(promise <= legal);
  return 'incomparable';
}

/** 证照类型代码: the defining authority's 统一社会信用代码 (18) + a 3-digit sequence = 21 characters. */
export function isLicenceTypeCode(code: string): boolean {
  return /^[0-9A-Z]{18}\d{3}$/.test(code) && isValidUscc(code.slice(0, 18));
}

const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === '';

/**
 * Every consistency problem of an item's elements at once (gov-standards §3.5 and the catalog's own
 * rules); an empty list when the item is consistent. Pure, so the seeds, the use cases and the tests run
 * the same rules.
 */
export function itemRuleProblems(it: ItemElements): RuleProblem[] {
  const out: RuleProblem[] = [];
  const add = (rule: string, field: string, problem: string) =>
    out.push({ rule, field, problems: [problem] });

  if (it.onlineDepth === ONLINE_DEPTH_FULL && it.visitCount !== 0) {
    add(
      'FULL_ONLINE_NO_VISIT',
      'visitCount',
      '全程网办（四级）事项的到办事现场次数须为 0 / a fully online item (depth 4) needs visitCount 0',
    );
  }
  if (it.visitCount !== 0 && blank(it.visitReason)) {
    add(
      'VISIT_REASON_REQUIRED',
      'visitReason',
      '到现场次数不为 0 时须说明必须现场办理的原因 / visitReason is required when visitCount is not 0',
    );
  }
  const cmp = comparePromise(it.promiseLimit, it.promiseUnit, it.legalLimit, it.legalUnit);
  if (cmp === 'exceeds') {
    add(
      'PROMISE_WITHIN_LEGAL',
      'promiseLimit',
      '承诺办结时限不得超过法定办结时限 / the promised limit exceeds the legal limit',
    );
  } else if (cmp === 'incomparable') {
    add(
      'PROMISE_WITHIN_LEGAL',
      'promiseLimit',
      '承诺时限与法定时限的单位无法比较，请使用相同单位 / the promised and legal limits are in units that cannot be compared; use one unit',
    );
  }
  if ((it.projectType === '1') !== (it.promiseLimit === 0)) {
    add(
      'IMMEDIATE_MEANS_ZERO_PROMISE',
      'projectType',
      it.projectType === '1'
        ? '即办件的承诺办结时限须为 0 / an immediate item (即办件) promises 0'
        : '承诺时限为 0 的事项须为即办件 / an item that promises 0 is an immediate item (project_type 1)',
    );
  }
  materialProblems(it, add);
  if (!OWED_OVERDUE_RESULT_CODES.includes(it.owedOverdueResult)) {
    add(
      'OWED_OVERDUE_RESULT',
      'owedOverdueResult',
      '容缺材料逾期的办结结果须为 5 退件 或 1 不予许可 / owedOverdueResult must be 5 (退件) or 1 (不予许可)',
    );
  }
  if (!isValidUscc(it.deptCode)) {
    add(
      'DEPT_CODE_USCC',
      'deptCode',
      '实施主体编码须为有效的统一社会信用代码 / deptCode must be a valid USCC',
    );
  }
  if (it.yieldsLicence) {
    if (!it.licenceTypeCode || !isLicenceTypeCode(it.licenceTypeCode)) {
      add(
        'LICENCE_TYPE_CODE',
        'licenceTypeCode',
        '出证事项须有 21 位证照类型代码（定义机构统一社会信用代码 + 3 位顺序号）/ a licence item needs a 21-character licence type code (USCC + 3 digits)',
      );
    }
    if (blank(it.licenceTypeName)) {
      add(
        'LICENCE_TYPE_NAME',
        'licenceTypeName',
        '出证事项须有证照名称 / a licence item needs the licence name',
      );
    }
  } else if (it.licenceTypeCode !== null || it.licenceTypeName !== null || it.licenceValidYears !== null) {
    add(
      'NO_LICENCE_NO_TYPE',
      'licenceTypeCode',
      '不出证的事项不得填写证照类型 / an item without a licence has no licence type',
    );
  }
  if (blank(it.legalBasis)) {
    add('LEGAL_BASIS_REQUIRED', 'legalBasis', '设定依据不能为空 / legalBasis is required');
  }
  const dupKeys = duplicates(it.formFields.map((f) => f.key));
  if (dupKeys.length > 0) {
    add('FORM_KEYS_UNIQUE', 'formFields', `表单字段重复 / duplicate form field keys: ${dupKeys.join(', ')}`);
  }
  return out;
}

function materialProblems(
  it: ItemElements,
  add: (rule: string, field: string, problem: string) => void,
): void {
  const dup = duplicates(it.materials.map((m) => m.code));
  if (dup.length > 0) {
    add('MATERIAL_CODES_UNIQUE', 'materials', `材料编码重复 / duplicate material codes: ${dup.join(', ')}`);
  }
  it.materials.forEach((m, i) => {
    const at = `materials[${i}]`;
    if (m.key && !m.required) {
      add(
        'KEY_MATERIAL_REQUIRED',
        `${at}.key`,
        `核心材料 ${m.code} 须为必要材料 / key material ${m.code} must be required`,
      );
    }
    if (m.deferrable && m.key) {
      add(
        'DEFERRABLE_NOT_KEY',
        `${at}.deferrable`,
        `核心材料 ${m.code} 不得容缺 / key material ${m.code} cannot be deferrable`,
      );
    }
    if (m.deferrable && !m.required) {
      add(
        'DEFERRABLE_REQUIRED',
        `${at}.deferrable`,
        `容缺材料 ${m.code} 须为必要材料 / deferrable material ${m.code} must be required`,
      );
    }
    if (m.deferrable && !(Number.isInteger(m.deferDays) && (m.deferDays ?? 0) >= 1)) {
      add(
        'DEFER_DAYS',
        `${at}.deferDays`,
        `容缺材料 ${m.code} 须规定补交期限（工作日）/ deferrable material ${m.code} needs deferDays ≥ 1`,
      );
    }
    if (!m.deferrable && m.deferDays !== null && m.deferDays !== undefined) {
      add(
        'DEFER_DAYS',
        `${at}.deferDays`,
        `非容缺材料 ${m.code} 不设补交期限 / deferDays only for a deferrable material (${m.code})`,
      );
    }
  });
  const commitments = it.materials.some((m) => m.commitmentAllowed);
  if (commitments && !(it.postCheckDays !== null && it.postCheckDays >= 1)) {
    add(
      'POST_CHECK_DAYS',
      'postCheckDays',
      '告知承诺事项须规定核查期限 / an item with commitment materials needs postCheckDays ≥ 1',
    );
  }
  if (!commitments && it.postCheckDays !== null) {
    add(
      'POST_CHECK_DAYS',
      'postCheckDays',
      '无告知承诺材料的事项不设核查期限 / postCheckDays needs at least one commitmentAllowed material',
    );
  }
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => (seen.has(v) ? true : (seen.add(v), false))))];
}

/** Throws 400 VALIDATION_FAILED listing every problem when the item is inconsistent. */
export function assertItemConsistent(it: ItemElements): void {
  const problems = itemRuleProblems(it);
  if (problems.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      '事项要素不一致 / The item’s elements are inconsistent',
      problems,
    );
  }
}

/** The elements of a stored version (for copies, diffs and re-checks). */
export function elementsOf(it: ItemElements): ItemElements {
  return Object.fromEntries(ELEMENT_FIELDS.map((f) => [f, it[f]])) as unknown as ItemElements;
}

/** The elements that differ between two versions, as `{field: {from, to}}` (for the audit trail). */
export function changedElements(
  before: ItemElements,
  after: ItemElements,
): Record<string, { from: unknown; to: unknown }> {
  return Object.fromEntries(
    ELEMENT_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map((f) => [
      f,
      { from: before[f], to: after[f] },
    ]),
  );
}
