import { DomainError } from '@app/shared/errors';
import type { ServiceItemEntity } from '../catalog/entities/service-item.entity';
import {
  BundleDefinitionSpec,
  BundleMemberSpec,
  DEPENDENCY_FIELD_SOURCES,
  DEPENDENCY_LICENCE_SOURCE,
  dependentsOf,
  membersInOrder,
} from './bundle-definition';

/** One broken rule of a definition: a stable rule id, the field it is about, and what is wrong. */
export interface BundleRuleProblem {
  rule: BundleRule;
  field: string;
  problems: string[];
}

/** Stable rule ids (clients switch on them, in `details[].rule` of a 400 VALIDATION_FAILED). */
export const BUNDLE_RULES = [
  'BUNDLE_TOO_FEW_MEMBERS',
  'BUNDLE_DUPLICATE_MEMBER',
  'BUNDLE_UNKNOWN_ITEM',
  'BUNDLE_UNKNOWN_DEPENDENCY',
  'BUNDLE_CYCLE',
  'BUNDLE_DUPLICATE_FIELD',
  'BUNDLE_DUPLICATE_MATERIAL',
  'BUNDLE_UNKNOWN_MEMBER',
  'BUNDLE_UNKNOWN_MEMBER_FIELD',
  'BUNDLE_UNKNOWN_BUNDLE_FIELD',
  'BUNDLE_REQUIRED_FIELD_UNMAPPED',
  'BUNDLE_UNKNOWN_MEMBER_MATERIAL',
  'BUNDLE_UNKNOWN_BUNDLE_MATERIAL',
  'BUNDLE_REQUIRED_MATERIAL_UNMAPPED',
  'BUNDLE_DEPENDENCY_SOURCE',
  'BUNDLE_ENTERPRISE',
] as const;
export type BundleRule = (typeof BUNDLE_RULES)[number];

export const BUNDLE_DEFINITION_INVALID_MESSAGE =
  '一件事定义无效 / Invalid bundle definition (details: [{rule, field, problems}])';

const ENTERPRISE_USER_PROP = '2';

/**
 * Every problem of a definition against the published catalog (`items` by 实施编码; absent = not
 * published), all at once: members, dependencies (no cycle), the form mapping (every field known on both
 * sides, every required member field and material fed), the dependency sources and the enterprise.
 */
export function bundleDefinitionProblems(
  def: BundleDefinitionSpec,
  items: ReadonlyMap<string, ServiceItemEntity>,
): BundleRuleProblem[] {
  const problems: BundleRuleProblem[] = [];
  const add = (rule: BundleRule, field: string, problem: string) =>
    problems.push({ rule, field, problems: [problem] });
  if (def.members.length < 2) {
    add('BUNDLE_TOO_FEW_MEMBERS', 'members', '一件事至少包含两个事项 / at least two members');
  }

  const memberCodes = new Set<string>();
  def.members.forEach((m, i) => {
    if (memberCodes.has(m.taskCode)) {
      add('BUNDLE_DUPLICATE_MEMBER', `members[${i}].taskCode`, `${m.taskCode} 重复 / listed twice`);
    }
    memberCodes.add(m.taskCode);
    if (!items.has(m.taskCode)) {
      add(
        'BUNDLE_UNKNOWN_ITEM',
        `members[${i}].taskCode`,
        `${m.taskCode}: 事项不存在或未发布 / no published item`,
      );
    }
    m.dependsOn.forEach((d, j) => {
      if (d === m.taskCode || !def.members.some((o) => o.taskCode === d)) {
        add(
          'BUNDLE_UNKNOWN_DEPENDENCY',
          `members[${i}].dependsOn[${j}]`,
          `${d} 不是本一件事的其他成员 / not another member`,
        );
      }
    });
  });
  const dependenciesKnown = !problems.some((p) => p.rule === 'BUNDLE_UNKNOWN_DEPENDENCY');
  if (dependenciesKnown && membersInOrder(def).length < def.members.length) {
    const stuck = def.members.filter((m) => !membersInOrder(def).includes(m)).map((m) => m.taskCode);
    add('BUNDLE_CYCLE', 'members', `依赖关系成环 / the dependencies form a cycle: ${stuck.join(', ')}`);
  }

  const bundleFields = new Map(def.formFields.map((f) => [f.key, f]));
  if (bundleFields.size < def.formFields.length) {
    add('BUNDLE_DUPLICATE_FIELD', 'formFields', '表单项重复 / a key is listed twice');
  }
  const bundleMaterials = new Set(def.materials.map((m) => m.code));
  if (bundleMaterials.size < def.materials.length) {
    add('BUNDLE_DUPLICATE_MATERIAL', 'materials', '材料编码重复 / a code is listed twice');
  }

  for (const [kind, table] of [
    ['mapping', def.mapping],
    ['materialMapping', def.materialMapping],
  ] as const) {
    for (const taskCode of Object.keys(table)) {
      if (!memberCodes.has(taskCode)) {
        add('BUNDLE_UNKNOWN_MEMBER', `${kind}.${taskCode}`, '不是本一件事的成员 / not a member');
      }
    }
  }

  for (const m of def.members) {
    const item = items.get(m.taskCode);
    if (!item) continue;
    checkFields(def, m, item, bundleFields, items, add);
    checkMaterials(def, m, item, bundleMaterials, items, add);
  }
  checkEnterprise(def, items, bundleFields, add);
  return problems;
}

type Add = (rule: BundleRule, field: string, problem: string) => void;

/** The one dependency a `$dependency.…` source refers to (problem when there is not exactly one). */
function theDependency(m: BundleMemberSpec, field: string, add: Add): string | null {
  if (m.dependsOn.length === 1) return m.dependsOn[0];
  add(
    'BUNDLE_DEPENDENCY_SOURCE',
    field,
    '$dependency 只能用于恰有一个依赖的成员 / only for a member with exactly one dependency',
  );
  return null;
}

function checkFields(
  def: BundleDefinitionSpec,
  m: BundleMemberSpec,
  item: ServiceItemEntity,
  bundleFields: ReadonlyMap<string, unknown>,
  items: ReadonlyMap<string, ServiceItemEntity>,
  add: Add,
): void {
  const mapping = def.mapping[m.taskCode] ?? {};
  const memberFields = new Set(item.formFields.map((f) => f.key));
  for (const [memberField, source] of Object.entries(mapping)) {
    const field = `mapping.${m.taskCode}.${memberField}`;
    if (!memberFields.has(memberField)) {
      add('BUNDLE_UNKNOWN_MEMBER_FIELD', field, `${item.name} 无此表单项 / no such field of the item`);
    }
    if (!source.startsWith('$')) {
      if (!bundleFields.has(source)) {
        add('BUNDLE_UNKNOWN_BUNDLE_FIELD', field, `${source}: 一件事表单无此项 / no such bundle field`);
      }
      continue;
    }
    if (!(DEPENDENCY_FIELD_SOURCES as readonly string[]).includes(source)) {
      add(
        'BUNDLE_DEPENDENCY_SOURCE',
        field,
        `${source}: 未知来源 / unknown source (${DEPENDENCY_FIELD_SOURCES.join(', ')})`,
      );
      continue;
    }
    const dep = theDependency(m, field, add);
    if (!dep) continue;
    if (source === '$dependency.uscc' && def.enterprise?.registeredBy !== dep) {
      add(
        'BUNDLE_DEPENDENCY_SOURCE',
        field,
        '依赖的事项不登记企业, 没有统一社会信用代码 / the dependency registers no enterprise',
      );
    }
    if (source === '$dependency.licenceId' && items.get(dep)?.yieldsLicence === false) {
      add('BUNDLE_DEPENDENCY_SOURCE', field, '依赖的事项不出证 / the dependency yields no licence');
    }
  }
  for (const f of item.formFields) {
    if (f.required && !(f.key in mapping)) {
      add(
        'BUNDLE_REQUIRED_FIELD_UNMAPPED',
        `mapping.${m.taskCode}.${f.key}`,
        `${item.name}: ${f.label} 必填, 未映射 / required field not fed`,
      );
    }
  }
}

function checkMaterials(
  def: BundleDefinitionSpec,
  m: BundleMemberSpec,
  item: ServiceItemEntity,
  bundleMaterials: ReadonlySet<string>,
  items: ReadonlyMap<string, ServiceItemEntity>,
  add: Add,
): void {
  const mapping = def.materialMapping[m.taskCode] ?? {};
  const memberMaterials = new Set(item.materials.map((x) => x.code));
  for (const [code, source] of Object.entries(mapping)) {
    const field = `materialMapping.${m.taskCode}.${code}`;
    if (!memberMaterials.has(code)) {
      add('BUNDLE_UNKNOWN_MEMBER_MATERIAL', field, `${item.name} 无此材料 / no such material of the item`);
    }
    if (source === DEPENDENCY_LICENCE_SOURCE) {
      const dep = theDependency(m, field, add);
      if (dep && items.get(dep)?.yieldsLicence === false) {
        add('BUNDLE_DEPENDENCY_SOURCE', field, '依赖的事项不出证 / the dependency yields no licence');
      }
    } else if (!bundleMaterials.has(source)) {
      add('BUNDLE_UNKNOWN_BUNDLE_MATERIAL', field, `${source}: 一件事无此材料 / no such bundle material`);
    }
  }
  for (const x of item.materials) {
    if (x.required && !(x.code in mapping)) {
      add(
        'BUNDLE_REQUIRED_MATERIAL_UNMAPPED',
        `materialMapping.${m.taskCode}.${x.code}`,
        `${item.name}: ${x.name} 必要, 未映射 / required material not fed`,
      );
    }
  }
}

function checkEnterprise(
  def: BundleDefinitionSpec,
  items: ReadonlyMap<string, ServiceItemEntity>,
  bundleFields: ReadonlyMap<string, { required: boolean }>,
  add: Add,
): void {
  const ent = def.enterprise;
  const applying = def.members.filter((m) => m.applicant === 'ENTERPRISE');
  if (!ent) {
    if (applying.length > 0) {
      add(
        'BUNDLE_ENTERPRISE',
        'enterprise',
        '有成员以新企业名义申请, 须指明登记企业的成员 / members apply as the enterprise: say which member registers it',
      );
    }
    return;
  }
  const registering = def.members.find((m) => m.taskCode === ent.registeredBy);
  if (!registering) {
    add('BUNDLE_ENTERPRISE', 'enterprise.registeredBy', '不是本一件事的成员 / not a member');
    return;
  }
  if (registering.applicant !== 'ENTERPRISE') {
    add(
      'BUNDLE_ENTERPRISE',
      'enterprise.registeredBy',
      '登记企业的成员须以该企业名义申请 / the registering member applies as the enterprise',
    );
  }
  if (items.get(ent.registeredBy)?.yieldsLicence === false) {
    add(
      'BUNDLE_ENTERPRISE',
      'enterprise.registeredBy',
      '登记企业的事项须出具营业执照 / the registering item must yield a licence',
    );
  }
  if (!bundleFields.get(ent.nameField)?.required) {
    add(
      'BUNDLE_ENTERPRISE',
      'enterprise.nameField',
      `${ent.nameField}: 须为必填的一件事表单项 / must be a required bundle field`,
    );
  }
  const afterRegistration = new Set(dependentsOf(def, ent.registeredBy));
  for (const m of applying) {
    if (m.taskCode !== ent.registeredBy && !afterRegistration.has(m.taskCode)) {
      add(
        'BUNDLE_ENTERPRISE',
        `members.${m.taskCode}.dependsOn`,
        '以新企业名义申请的成员须在企业登记之后 / a member applying as the enterprise must depend on its registration',
      );
    }
    const item = items.get(m.taskCode);
    if (item && !item.serverTypes.includes(ENTERPRISE_USER_PROP)) {
      add(
        'BUNDLE_ENTERPRISE',
        `members.${m.taskCode}.applicant`,
        `${item.name} 不面向企业法人 / the item does not serve 企业法人`,
      );
    }
  }
}

/** 400 VALIDATION_FAILED with every problem (rule ids in `details[].rule`) unless the definition holds. */
export function assertBundleDefinitionValid(
  def: BundleDefinitionSpec,
  items: ReadonlyMap<string, ServiceItemEntity>,
): void {
  const problems = bundleDefinitionProblems(def, items);
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', BUNDLE_DEFINITION_INVALID_MESSAGE, problems);
  }
}
