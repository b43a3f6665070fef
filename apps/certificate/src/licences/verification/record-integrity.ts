import { parseLicenceId } from '@app/shared/identifiers';
import { canonicalJson, LicenceSignedData, sm3Hex } from '../../licence-core';
import { LicenceEntity } from '../entities/licence.entity';

const STRING_FIELDS = [
  'identifier',
  'typeCode',
  'typeName',
  'holderName',
  'holderCodeType',
  'holderCode',
  'issuerCode',
  'issuerName',
  'issueDate',
  'validFrom',
  'caseNo',
  'itemCode',
  'fileSm3',
] as const satisfies ReadonlyArray<keyof LicenceSignedData>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The stored `signed_data` as LicenceSignedData, or null when it does not even have that shape (then it
 * cannot be what was signed). Extra keys are kept: they are part of the canonical JSON, so the signature
 * check rejects them.
 */
export function asSignedData(raw: unknown): LicenceSignedData | null {
  if (!isPlainObject(raw)) return null;
  if (!STRING_FIELDS.every((k) => typeof raw[k] === 'string')) return null;
  if (raw.validTo !== null && typeof raw.validTo !== 'string') return null;
  const face = raw.faceFields;
  if (!isPlainObject(face) || !Object.values(face).every((v) => typeof v === 'string')) return null;
  return raw as unknown as LicenceSignedData;
}

/** The version (3 digits) carried by the signed identifier, or null when the identifier is not valid. */
export function signedVersion(s: LicenceSignedData): string | null {
  const id = parseLicenceId(s.identifier);
  return id?.valid ? id.version : null;
}

/** `date` columns come back as 'YYYY-MM-DD' strings; a Date (other driver settings) is read the same way. */
function dateColumn(v: unknown): unknown {
  if (!(v instanceof Date)) return v ?? null;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${v.getFullYear()}-${p(v.getMonth() + 1)}-${p(v.getDate())}`;
}

/**
 * Names of the `licences` columns that differ from the (already signature-verified) signed data, plus
 * `signed_data.identifier` when the signed identifier itself is inconsistent. Empty: the row agrees with
 * what was signed. Columns the signature does not cover (status, kid, qr_token, holder_cert_hash,
 * holder_user_prop, file, created_at) are not compared.
 */
export function recordMismatches(l: LicenceEntity, s: LicenceSignedData): string[] {
  const id = parseLicenceId(s.identifier);
  const pairs: Array<[string, unknown, unknown]> = [
    ['licence_id', l.licenceId, s.identifier],
    ['type_code', l.typeCode, s.typeCode],
    ['type_name', l.typeName, s.typeName],
    ['serial', l.serial, id?.serial],
    ['version', l.version, id?.version],
    ['holder_name', l.holderName, s.holderName],
    ['holder_cert_type', l.holderCertType, s.holderCodeType],
    ['holder_cert_masked', l.holderCertMasked, s.holderCode],
    ['issuer_code', l.issuerCode, s.issuerCode],
    ['issuer_name', l.issuerName, s.issuerName],
    ['issue_date', dateColumn(l.issueDate), s.issueDate],
    ['valid_from', dateColumn(l.validFrom), s.validFrom],
    ['valid_to', dateColumn(l.validTo), s.validTo ?? null],
    ['case_no', l.caseNo, s.caseNo],
    ['item_code', l.itemCode, s.itemCode],
    ['face_fields', canonicalJson(l.faceFields), canonicalJson(s.faceFields)],
    ['file_sm3', l.fileSm3, s.fileSm3],
    ['signed_digest', l.signedDigest, sm3Hex(canonicalJson(s))],
  ];
  const out = pairs.filter(([, column, signed]) => column !== signed).map(([name]) => name);
  if (!id?.valid || id.typeCode !== s.typeCode || id.issuerCode !== s.issuerCode) {
    out.push('signed_data.identifier');
  }
  return out;
}
