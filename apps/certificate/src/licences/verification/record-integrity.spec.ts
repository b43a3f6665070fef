import { buildLicenceId } from '@app/shared/identifiers';
import { canonicalJson, LicenceSignedData, sm3Hex } from '../../licence-core';
import { LicenceEntity } from '../entities/licence.entity';
import { asSignedData, recordMismatches, signedVersion } from './record-integrity';

const identifier = buildLicenceId({
  typeCode: '111000000000135652001',
  issuerCode: '113301000024901620',
  serial: '33010020261124000001',
  version: 1,
});

const signed: LicenceSignedData = {
  identifier,
  typeCode: '111000000000135652001',
  typeName: '食品经营许可证',
  holderName: '杭州某某餐饮管理有限公司',
  holderCodeType: '001',
  holderCode: '91330106MA2H00000X',
  issuerCode: '113301000024901620',
  issuerName: '杭州市市场监督管理局',
  issueDate: '2026-11-24',
  validFrom: '2026-11-24',
  validTo: '2031-11-23',
  caseNo: '33010020261124000001',
  itemCode: 'ITEM',
  faceFields: { 经营场所: '杭州市西湖区', 主体业态: '餐饮服务经营者' },
  fileSm3: 'a'.repeat(64),
};

/** A row exactly as issue() writes it. */
const rowOf = (s: LicenceSignedData): LicenceEntity =>
  ({
    licenceId: s.identifier,
    caseNo: s.caseNo,
    itemCode: s.itemCode,
    typeCode: s.typeCode,
    typeName: s.typeName,
    serial: '33010020261124000001',
    version: '001',
    holderName: s.holderName,
    holderCertType: s.holderCodeType,
    holderCertMasked: s.holderCode,
    holderCertHash: 'b'.repeat(64),
    holderUserProp: '2',
    issuerCode: s.issuerCode,
    issuerName: s.issuerName,
    issueDate: s.issueDate,
    validFrom: s.validFrom,
    validTo: s.validTo,
    faceFields: s.faceFields,
    fileSm3: s.fileSm3,
    signedData: s as unknown as Record<string, unknown>,
    signature: 'sig',
    signedDigest: sm3Hex(canonicalJson(s)),
    kid: 'k1',
    qrToken: 't',
    status: 'ISSUED',
  }) as LicenceEntity;

describe('licence record against its signed data', () => {
  it('finds nothing on an untouched row (face fields compared canonically, dates as Date too)', () => {
    expect(recordMismatches(rowOf(signed), signed)).toEqual([]);
    const reordered = {
      ...rowOf(signed),
      faceFields: { 主体业态: '餐饮服务经营者', 经营场所: '杭州市西湖区' },
    };
    expect(recordMismatches(reordered as LicenceEntity, signed)).toEqual([]);
    const asDates = { ...rowOf(signed), validTo: new Date(2031, 10, 23) as unknown as string };
    expect(recordMismatches(asDates as LicenceEntity, signed)).toEqual([]);
    const forever = { ...signed, validTo: null };
    expect(
      recordMismatches({ ...rowOf(forever), signedDigest: sm3Hex(canonicalJson(forever)) }, forever),
    ).toEqual([]);
  });

  it('names every signed column that was changed, and ignores the unsigned ones', () => {
    const r = rowOf(signed);
    expect(recordMismatches({ ...r, validTo: '2099-12-31' }, signed)).toEqual(['valid_to']);
    expect(recordMismatches({ ...r, validTo: null }, signed)).toEqual(['valid_to']);
    expect(
      recordMismatches(
        {
          ...r,
          holderName: '别的公司',
          issuerName: 'x',
          version: '002',
          fileSm3: 'c'.repeat(64),
        },
        signed,
      ),
    ).toEqual(['version', 'holder_name', 'issuer_name', 'file_sm3']);
    expect(
      recordMismatches({ ...r, faceFields: { 经营场所: '别处', 主体业态: '餐饮服务经营者' } }, signed),
    ).toEqual(['face_fields']);
    expect(recordMismatches({ ...r, signedDigest: 'd'.repeat(64) }, signed)).toEqual(['signed_digest']);
    expect(
      recordMismatches(
        {
          ...r,
          status: 'REVOKED',
          holderUserProp: '1',
          holderCertHash: 'e'.repeat(64),
          kid: 'k2',
        },
        signed,
      ),
    ).toEqual([]);
  });

  it('flags a signed identifier that is invalid or disagrees with the signed type and issuer', () => {
    const badCheck = {
      ...signed,
      identifier: `${identifier.slice(0, -1)}${identifier.endsWith('0') ? '1' : '0'}`,
    };
    expect(signedVersion(badCheck)).toBeNull();
    expect(recordMismatches(rowOf(badCheck), badCheck)).toContain('signed_data.identifier');
    const otherIssuer = { ...signed, issuerCode: '113301000024901639' };
    expect(recordMismatches(rowOf(otherIssuer), otherIssuer)).toContain('signed_data.identifier');
    expect(signedVersion(signed)).toBe('001');
  });

  it('accepts only signed data of the licence shape', () => {
    expect(asSignedData(signed)).toBe(signed);
    expect(asSignedData({ ...signed, validTo: null })).not.toBeNull();
    expect(asSignedData(null)).toBeNull();
    expect(asSignedData([signed])).toBeNull();
    expect(asSignedData({ ...signed, validTo: 20311123 })).toBeNull();
    expect(asSignedData({ ...signed, holderName: undefined })).toBeNull();
    expect(asSignedData({ ...signed, faceFields: { a: 1 } })).toBeNull();
    expect(asSignedData({ ...signed, faceFields: ['x'] })).toBeNull();
  });
});
