import { shanghaiDate } from '@app/shared/time';
import { LICENCE_STATUS, LicenceEntity } from '../licences/entities/licence.entity';

/**
 * A licence in the field names of the national licence data (reference/gov-standards.md §1.3,
 * `up_lic_data` and the licence-library schemas), as the provincial interface answers it in `certData`.
 * The holder code is what the record holds: masked for natural persons (the full ID number never reaches
 * certificate), in clear for organisations (统一社会信用代码 is public).
 */
export function certDataOf(l: LicenceEntity): Record<string, unknown> {
  return {
    cert_identifier: l.licenceId,
    certificate_name: l.typeName,
    certificate_type: l.typeName,
    certificate_type_code: l.typeCode,
    certificate_number: l.serial,
    certificate_version: l.version,
    certificate_holder: l.holderName,
    certificate_holder_code: l.holderCertMasked,
    certificate_holder_type: l.holderCertType,
    issue_dept: l.issuerName,
    issue_dept_code: l.issuerCode,
    issue_date: l.issueDate,
    certificate_validate_start: l.validFrom,
    certificate_validate_end: l.validTo ?? '',
    related_item_code: l.itemCode,
    /** 证照状态: 1 现势, 2 注销 */
    status: certStatusOf(l),
    extend_info: l.faceFields,
  };
}

/** 证照状态 of the national data: 1 现势 (valid), 2 注销 (revoked). */
export const certStatusOf = (l: Pick<LicenceEntity, 'status'>): '1' | '2' =>
  l.status === LICENCE_STATUS.REVOKED ? '2' : '1';

/** Revoked, or past its end date (Asia/Shanghai). */
export function noLongerValid(l: Pick<LicenceEntity, 'status' | 'validTo'>, now = new Date()): boolean {
  return l.status === LICENCE_STATUS.REVOKED || (l.validTo !== null && l.validTo < shanghaiDate(now));
}

/** The face fields (照面信息) as the interface lists them: name, column name, value type, value. */
export function surfaceOf(l: LicenceEntity): Array<Record<string, string>> {
  const fixed: Array<[string, string, string]> = [
    ['持证主体', 'certificate_holder', l.holderName],
    ['持证主体代码', 'certificate_holder_code', l.holderCertMasked],
    ['发证机关', 'issue_dept', l.issuerName],
    ['发证日期', 'issue_date', l.issueDate],
    ['有效期起始', 'certificate_validate_start', l.validFrom],
    ['有效期截止', 'certificate_validate_end', l.validTo ?? ''],
  ];
  return [
    ...fixed.map(([name, columnName, value]) => ({ name, columnName, valueType: 'string', value })),
    ...Object.entries(l.faceFields).map(([name, value]) => ({
      name,
      columnName: name,
      valueType: 'string',
      value,
    })),
  ];
}
