import { isNaturalPersonCertType } from '@app/shared/codes';
import { DomainError } from '@app/shared/errors';
import { isValidIdCardNumber, isValidUscc, maskIdCardNumber } from '@app/shared/identifiers';
import { MaterialSpec, ServiceItemEntity } from '../../../catalog/entities/service-item.entity';
import { ApplicantDto, SubmitApplicationDto } from '../../dto/submit-application.request.dto';
import { WINDOW_CHANNEL } from '../../visits';

const NATURAL_PERSON = '1';

const wrongCertType = (problem: string) =>
  new DomainError('VALIDATION_FAILED', undefined, [{ field: 'applicant.certType', problems: [problem] }]);

/** The applicant's ID checked against its type and the item's served applicant types: normalised and masked. */
export function checkApplicant(a: ApplicantDto, item: ServiceItemEntity): { certNo: string; masked: string } {
  if (!item.serverTypes.includes(a.userProp)) {
    throw new DomainError('APPLICANT_TYPE_NOT_SERVED', undefined, {
      userProp: a.userProp,
      served: item.serverTypes,
    });
  }
  const certNo = a.certNo.trim().toUpperCase();
  if (a.certType === '111') {
    if (a.userProp !== NATURAL_PERSON) throw wrongCertType('公民身份号码 only for 自然人 (userProp 1)');
    if (!isValidIdCardNumber(certNo)) {
      throw new DomainError('INVALID_ID_NUMBER', '公民身份号码无效 / Invalid citizen ID number', {
        field: 'applicant.certNo',
      });
    }
    return { certNo, masked: maskIdCardNumber(certNo) };
  }
  if (a.certType === '001') {
    if (a.userProp === NATURAL_PERSON) throw wrongCertType('统一社会信用代码 is not for 自然人');
    if (!isValidUscc(certNo)) {
      throw new DomainError(
        'INVALID_ID_NUMBER',
        '统一社会信用代码无效 / Invalid unified social credit code',
        {
          field: 'applicant.certNo',
        },
      );
    }
    return { certNo, masked: certNo };
  }
  // Whether the ID is personal follows from its type (docs/standards.md), not from what the applicant
  // says it is: a passport number is masked even if someone files it as a company's.
  const personal = isNaturalPersonCertType(a.certType);
  if (personal !== (a.userProp === NATURAL_PERSON)) {
    throw wrongCertType(
      personal
        ? '个人证件只能用于自然人申请人 / a personal ID type is only for 自然人 (userProp 1)'
        : '组织证件不能用于自然人申请人 / an organisation ID type is not for 自然人',
    );
  }
  if (!/^[0-9A-Z]{5,30}$/.test(certNo)) {
    throw new DomainError('INVALID_ID_NUMBER', undefined, { field: 'applicant.certNo' });
  }
  return { certNo, masked: personal ? `${certNo.slice(0, 2)}****${certNo.slice(-2)}` : certNo };
}

/**
 * Form fields and materials checked against the item: an unknown or missing form field, or an unknown
 * material, is refused (400 VALIDATION_FAILED, all problems at once). Returns the required materials the
 * submission lacks (a commitment's materials count as given, 告知承诺制); what that leads to is the
 * channel's rule (`preReviewNeeded`).
 */
export function checkForm(
  dto: SubmitApplicationDto,
  item: ServiceItemEntity,
  /** 告知承诺制: materials a signed commitment replaces count as given. */
  committed: string[] = [],
): MaterialSpec[] {
  const problems: Array<{ field: string; problems: string[] }> = [];
  const known = new Set(item.formFields.map((f) => f.key));
  for (const k of Object.keys(dto.formData)) {
    if (!known.has(k)) {
      problems.push({ field: `formData.${k}`, problems: ['unknown field for this item / 该事项无此表单项'] });
    }
  }
  for (const f of item.formFields) {
    const v = dto.formData[f.key];
    if (f.required && (typeof v !== 'string' || v.trim() === '')) {
      problems.push({ field: `formData.${f.key}`, problems: [`${f.label} 必填 / required`] });
    }
  }
  const materialCodes = new Set(item.materials.map((m) => m.code));
  for (const m of dto.materials) {
    if (!materialCodes.has(m.code)) {
      problems.push({
        field: `materials.${m.code}`,
        problems: ['unknown material for this item / 该事项无此材料'],
      });
    }
  }
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', undefined, problems);
  const given = new Set([...dto.materials.map((m) => m.code), ...committed]);
  return item.materials.filter((m) => m.required && !given.has(m.code));
}

/**
 * What required materials missing at submission lead to:
 * - none missing, or at the window (申报方式 0): the case is received (收件) as it is; at the window the
 *   clerk, face to face, names everything missing in one 补正 notice (行政许可法 Art. 32; POST
 *   …/supplement-notice) — or accepts with 容缺 materials owed;
 * - online (网上, and every channel but the window): the case is received too, and the system's 预审 issues
 *   the 一次性告知 at once, naming every missing material (returns true);
 * - except when no notice can serve: a submission with a signed commitment (告知承诺制 decides on the spot,
 *   every other required material must be there) or an item that allows no 补正 notice (supplementLimit
 *   0) is refused as before, every missing material listed (422 MATERIALS_INCOMPLETE).
 */
export function preReviewNeeded(
  dto: SubmitApplicationDto,
  item: ServiceItemEntity,
  missing: MaterialSpec[],
): boolean {
  if (missing.length === 0 || dto.submitChannel === WINDOW_CHANNEL) return false;
  if (dto.commitment || item.supplementLimit < 1) {
    throw new DomainError('MATERIALS_INCOMPLETE', undefined, {
      missing: missing.map((m) => ({ code: m.code, name: m.name })),
    });
  }
  return true;
}
