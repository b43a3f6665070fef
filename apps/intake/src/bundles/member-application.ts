import { SubmittedMaterial } from '../applications/entities/case.entity';
import type { ApplicantDto, SubmitApplicationDto } from '../applications/dto/submit-application.request.dto';
import { BundleDefinitionSpec, DEPENDENCY_LICENCE_SOURCE } from './bundle-definition';

/** What a member's dependency produced (the result a dependent member is filed with). */
export interface DependencyResult {
  caseNo: string;
  licenceId: string | null;
  /** 统一社会信用代码 of the enterprise the dependency registered, if it registered one. */
  uscc: string | null;
}

/** What a bundle holds for filing its members. */
export interface BundleFiling {
  definition: BundleDefinitionSpec;
  applicant: ApplicantDto;
  enterprise: { uscc: string; name: string } | null;
  formData: Record<string, string>;
  materials: SubmittedMaterial[];
}

/** The member-material file name of a licence attached by reference (免提交). */
export const licenceMaterialName = (licenceId: string): string => `电子证照 ${licenceId}`;

/**
 * The application of one member, from the ONE bundle form: its form fields and materials through the
 * definition's mapping, `$dependency.…` from the dependency's result, and the applicant — the bundle's,
 * or the registered enterprise (企业法人, 统一社会信用代码).
 */
export function memberApplication(
  bundle: BundleFiling,
  taskCode: string,
  dependency: DependencyResult | null,
): SubmitApplicationDto {
  const def = bundle.definition;
  const spec = def.members.find((m) => m.taskCode === taskCode);
  if (!spec) throw new Error(`${taskCode} is not a member of ${def.code}`);
  const fromDependency = (key: 'caseNo' | 'licenceId' | 'uscc'): string | undefined =>
    dependency?.[key] ?? undefined;
  const formData: Record<string, string> = {};
  for (const [memberField, source] of Object.entries(def.mapping[taskCode] ?? {})) {
    const value = source.startsWith('$dependency.')
      ? fromDependency(source.slice('$dependency.'.length) as 'caseNo' | 'licenceId' | 'uscc')
      : bundle.formData[source];
    if (value !== undefined && value !== '') formData[memberField] = value;
  }
  const materials: SubmittedMaterial[] = [];
  for (const [code, source] of Object.entries(def.materialMapping[taskCode] ?? {})) {
    if (source === DEPENDENCY_LICENCE_SOURCE) {
      if (dependency?.licenceId) {
        materials.push({ code, fileName: licenceMaterialName(dependency.licenceId) });
      }
      continue;
    }
    const given = bundle.materials.find((m) => m.code === source);
    if (given) materials.push({ ...given, code });
  }
  const applicant: ApplicantDto =
    spec.applicant === 'ENTERPRISE' && bundle.enterprise
      ? {
          userProp: '2',
          name: bundle.enterprise.name,
          certType: '001',
          certNo: bundle.enterprise.uscc,
          phone: bundle.applicant.phone,
        }
      : bundle.applicant;
  return { itemCode: taskCode, applicant, formData, materials, submitChannel: '1' };
}
