/**
 * 电子证照标识 (GB/T 36904-2018): 1.2.156.3005.2.<证照类型代码 21>.<颁发机构代码 18>.<流水号>.<版本号 3>.<校验位>
 * The check character is ISO/IEC 7064 MOD 37,36 over type + issuer + serial + version (no dots).
 */
export const LICENCE_ROOT_OID = '1.2.156.3005.2';
export const LICENCE_ID_RE =
  /^1\.2\.156\.3005\.2\.([0-9A-Z]{21})\.([0-9A-Z]{18})\.([0-9A-Z]{1,40})\.(\d{3})\.([0-9A-Z])$/;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function licenceCheckChar(payload: string): string {
  const M = 36;
  let p = M;
  for (const ch of payload) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`invalid licence identifier character ${ch}`);
    let s = (p + v) % M;
    if (s === 0) s = M;
    p = (s * 2) % (M + 1);
  }
  return ALPHABET[(M + 1 - p) % M];
}

export interface LicenceIdParts {
  typeCode: string;
  issuerCode: string;
  serial: string;
  version: string;
  check: string;
}

export function buildLicenceId(p: {
  typeCode: string;
  issuerCode: string;
  serial: string;
  version: number | string;
}): string {
  const version = typeof p.version === 'number' ? String(p.version).padStart(3, '0') : p.version;
  if (!/^[0-9A-Z]{21}$/.test(p.typeCode)) throw new Error('证照类型代码 must be 21 characters [0-9A-Z]');
  if (!/^[0-9A-Z]{18}$/.test(p.issuerCode)) {
    throw new Error('证照颁发机构代码 must be 18 characters [0-9A-Z]');
  }
  if (!/^[0-9A-Z]{1,40}$/.test(p.serial)) throw new Error('流水号 must be 1–40 characters [0-9A-Z]');
  if (!/^\d{3}$/.test(version) || version === '000') throw new Error('版本号 must be 001–999');
  const check = licenceCheckChar(`${p.typeCode}${p.issuerCode}${p.serial}${version}`);
  return `${LICENCE_ROOT_OID}.${p.typeCode}.${p.issuerCode}.${p.serial}.${version}.${check}`;
}

export function parseLicenceId(
  s: string,
): (LicenceIdParts & { valid: boolean; reason?: 'FORMAT' | 'CHECK_CHAR' }) | null {
  const m = LICENCE_ID_RE.exec(s);
  if (!m) return null;
  const [, typeCode, issuerCode, serial, version, check] = m;
  const expected = licenceCheckChar(`${typeCode}${issuerCode}${serial}${version}`);
  return {
    typeCode,
    issuerCode,
    serial,
    version,
    check,
    valid: expected === check,
    reason: expected === check ? undefined : 'CHECK_CHAR',
  };
}

export function isValidLicenceId(s: string): boolean {
  return parseLicenceId(s)?.valid === true;
}
