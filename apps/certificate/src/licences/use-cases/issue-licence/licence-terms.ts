import { buildLicenceId } from '@app/shared/identifiers';

/** validTo = the day before the same date `years` later (e.g. 2026-11-24 + 5y → 2031-11-23). */
export function validToOf(issueDate: string, years: number | undefined | null): string | null {
  if (!years) return null;
  const [y, m, d] = issueDate.split('-').map(Number);
  const end = new Date(Date.UTC(y + years, m - 1, d));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

const HOLDER_CODE_LABELS: Record<string, string> = { '001': '统一社会信用代码', '111': '公民身份号码' };
export const holderCodeLabel = (certType: string): string => HOLDER_CODE_LABELS[certType] ?? '证件号码';

/**
 * The identifier of the first version of the licence of an approved case. The serial is the case number
 * (unique per region, [0-9A-Z]), so a redelivered approval can only ever name the same licence.
 */
export function licenceIdentifierFor(
  c: { caseNo: string; deptCode: string },
  typeCode: string,
): { identifier: string; serial: string; version: string } {
  const serial = c.caseNo.replace(/[^0-9A-Z]/g, '');
  const version = '001';
  return {
    identifier: buildLicenceId({ typeCode, issuerCode: c.deptCode, serial, version: 1 }),
    serial,
    version,
  };
}
