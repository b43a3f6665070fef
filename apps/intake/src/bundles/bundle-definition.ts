/**
 * 一件事 (bundle) definitions: which items one application files at once, how the ONE bundle form feeds
 * each member's form, and which member needs another's result.
 */

/** Who applies for a member: the bundle's applicant, or the enterprise the bundle registers. */
export const MEMBER_APPLICANTS = ['BUNDLE', 'ENTERPRISE'] as const;
export type MemberApplicant = (typeof MEMBER_APPLICANTS)[number];

/**
 * Sources a member field may take besides a bundle form field: the result of the member's dependency —
 * the 统一社会信用代码 of the enterprise it registered, its licence identifier, its 办件编号.
 */
export const DEPENDENCY_FIELD_SOURCES = [
  '$dependency.uscc',
  '$dependency.licenceId',
  '$dependency.caseNo',
] as const;
/** A member material supplied by the dependency's electronic licence (免提交: never uploaded again). */
export const DEPENDENCY_LICENCE_SOURCE = '$dependency.licence';

export interface BundleFormField {
  key: string;
  label: string;
  required: boolean;
}

export interface BundleMaterial {
  code: string;
  name: string;
  required: boolean;
}

export interface BundleMemberSpec {
  /** 实施编码 of the member item */
  taskCode: string;
  /** Members (实施编码) whose result this one needs: it starts when all of them have completed. */
  dependsOn: string[];
  applicant: MemberApplicant;
}

/** The enterprise a bundle registers (企业开办): which member registers it, which bundle field names it. */
export interface BundleEnterprise {
  registeredBy: string;
  nameField: string;
}

export interface BundleDefinitionSpec {
  code: string;
  name: string;
  description: string | null;
  formFields: BundleFormField[];
  materials: BundleMaterial[];
  members: BundleMemberSpec[];
  /** `{ memberTaskCode: { memberField: bundleField | '$dependency.uscc' | … } }` */
  mapping: Record<string, Record<string, string>>;
  /** `{ memberTaskCode: { memberMaterialCode: bundleMaterialCode | '$dependency.licence' } }` */
  materialMapping: Record<string, Record<string, string>>;
  enterprise: BundleEnterprise | null;
}

/** Members in an order where each comes after everything it depends on (the definition has no cycle). */
export function membersInOrder(def: Pick<BundleDefinitionSpec, 'members'>): BundleMemberSpec[] {
  const done = new Set<string>();
  const out: BundleMemberSpec[] = [];
  let progress = true;
  while (out.length < def.members.length && progress) {
    progress = false;
    for (const m of def.members) {
      if (done.has(m.taskCode) || !m.dependsOn.every((d) => done.has(d))) continue;
      done.add(m.taskCode);
      out.push(m);
      progress = true;
    }
  }
  return out;
}

/** Every member that needs `taskCode`'s result, directly or through another member. */
export function dependentsOf(def: Pick<BundleDefinitionSpec, 'members'>, taskCode: string): string[] {
  const out = new Set<string>();
  const visit = (code: string) => {
    for (const m of def.members) {
      if (m.dependsOn.includes(code) && !out.has(m.taskCode)) {
        out.add(m.taskCode);
        visit(m.taskCode);
      }
    }
  };
  visit(taskCode);
  return [...out];
}
