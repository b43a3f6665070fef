import { BundleDefinitionSpec } from './bundle-definition';
import { bundleDefinitionProblems, assertBundleDefinitionValid } from './bundle-rules';
import {
  ENTERPRISE_OPENING,
  ENTERPRISE_SETUP_CODE,
  HOUSING_FUND_CODE,
  INVOICE_CODE,
  SEAL_CODE,
  SOCIAL_INSURANCE_CODE,
} from './seed-bundles';
import { seededItems } from './testing/bundle.fixture';

const def = (change: (d: BundleDefinitionSpec) => void = () => undefined): BundleDefinitionSpec => {
  const d = structuredClone(ENTERPRISE_OPENING);
  change(d);
  return d;
};
const rules = (d: BundleDefinitionSpec, items = seededItems()) =>
  bundleDefinitionProblems(d, items).map((p) => p.rule);

describe('bundle definition rules', () => {
  it('accepts the seeded 企业开办 against the seeded catalog', () => {
    expect(bundleDefinitionProblems(def(), seededItems())).toEqual([]);
    expect(() => assertBundleDefinitionValid(def(), seededItems())).not.toThrow();
  });

  it('refuses unknown or unpublished items, duplicates and too few members', () => {
    const items = seededItems();
    items.delete(SOCIAL_INSURANCE_CODE);
    expect(rules(def(), items)).toEqual(['BUNDLE_UNKNOWN_ITEM']);
    expect(rules(def((d) => d.members.push({ ...d.members[1] })))).toContain('BUNDLE_DUPLICATE_MEMBER');
    expect(rules(def((d) => (d.members = d.members.slice(0, 1))))).toContain('BUNDLE_TOO_FEW_MEMBERS');
  });

  it('refuses dependencies on non-members or on itself, and cycles', () => {
    expect(rules(def((d) => (d.members[1].dependsOn = ['NOPE'])))).toContain('BUNDLE_UNKNOWN_DEPENDENCY');
    expect(rules(def((d) => (d.members[1].dependsOn = [SEAL_CODE])))).toContain('BUNDLE_UNKNOWN_DEPENDENCY');
    const cycle = def((d) => (d.members[0].dependsOn = [SEAL_CODE]));
    expect(rules(cycle)).toContain('BUNDLE_CYCLE');
    const err = (() => {
      try {
        assertBundleDefinitionValid(cycle, seededItems());
        return null;
      } catch (e) {
        return e as { code: string; status: number };
      }
    })();
    expect([err?.code, err?.status]).toEqual(['VALIDATION_FAILED', 400]);
  });

  it('refuses mappings to unknown fields on either side, and required member fields or materials left unfed', () => {
    expect(rules(def((d) => (d.mapping[SEAL_CODE].colour = 'sealType')))).toEqual([
      'BUNDLE_UNKNOWN_MEMBER_FIELD',
    ]);
    expect(rules(def((d) => (d.mapping[SEAL_CODE].sealType = 'nope')))).toEqual([
      'BUNDLE_UNKNOWN_BUNDLE_FIELD',
    ]);
    expect(rules(def((d) => delete d.mapping[HOUSING_FUND_CODE].depositRate))).toEqual([
      'BUNDLE_REQUIRED_FIELD_UNMAPPED',
    ]);
    expect(rules(def((d) => (d.mapping.NOPE = {})))).toEqual(['BUNDLE_UNKNOWN_MEMBER']);
    expect(rules(def((d) => (d.materialMapping[SEAL_CODE].M09 = 'B01')))).toEqual([
      'BUNDLE_UNKNOWN_MEMBER_MATERIAL',
    ]);
    expect(rules(def((d) => (d.materialMapping[SEAL_CODE].M02 = 'B99')))).toEqual([
      'BUNDLE_UNKNOWN_BUNDLE_MATERIAL',
    ]);
    expect(rules(def((d) => delete d.materialMapping[INVOICE_CODE].M01))).toEqual([
      'BUNDLE_REQUIRED_MATERIAL_UNMAPPED',
    ]);
    expect(rules(def((d) => d.formFields.push({ ...d.formFields[0] })))).toEqual(['BUNDLE_DUPLICATE_FIELD']);
  });

  it('allows $dependency sources only where the dependency has that result', () => {
    // The founding member has no dependency.
    expect(rules(def((d) => (d.mapping[ENTERPRISE_SETUP_CODE].premises = '$dependency.uscc')))).toEqual([
      'BUNDLE_DEPENDENCY_SOURCE',
    ]);
    expect(rules(def((d) => (d.mapping[SEAL_CODE].sealType = '$dependency.uscc')))).toEqual([]);
    expect(rules(def((d) => (d.mapping[SEAL_CODE].sealType = '$dependency.nothing')))).toEqual([
      'BUNDLE_DEPENDENCY_SOURCE',
    ]);
    // 公章刻制 yields no licence: a member depending on it cannot take one.
    const onSeal = def((d) => {
      d.members[2].dependsOn = [SEAL_CODE];
    });
    expect(rules(onSeal)).toEqual(['BUNDLE_DEPENDENCY_SOURCE']);
  });

  it('keeps members applying as the enterprise after its registration', () => {
    expect(
      rules(def((d) => (d.members[3].dependsOn = []))).filter((r) => r === 'BUNDLE_ENTERPRISE'),
    ).toHaveLength(1);
    expect(rules(def((d) => (d.enterprise = null)))).toContain('BUNDLE_ENTERPRISE');
    expect(rules(def((d) => (d.enterprise!.nameField = 'nope')))).toEqual(['BUNDLE_ENTERPRISE']);
    expect(rules(def((d) => (d.enterprise!.registeredBy = SEAL_CODE)))).toContain('BUNDLE_ENTERPRISE');
  });
});
