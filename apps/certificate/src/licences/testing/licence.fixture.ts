import { buildLicenceId } from '@app/shared/identifiers';
import { LicenceSignedData, signLicence } from '../../licence-core';
import { LicenceEntity } from '../entities/licence.entity';

/** Test data only: a licence signed with `key`, and its row exactly as issuing writes it. */
export function signedLicence(
  key: { kid: string; privateKeyHex: string },
  over: Partial<LicenceSignedData> = {},
): { data: LicenceSignedData; row: LicenceEntity } {
  const data: LicenceSignedData = {
    identifier: buildLicenceId({
      typeCode: '111000000000135652001',
      issuerCode: '113301000024901620',
      serial: '33010020261124000001',
      version: 1,
    }),
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
    faceFields: { 经营场所: '杭州市西湖区' },
    fileSm3: 'a'.repeat(64),
    ...over,
  };
  const sig = signLicence(data, key);
  const row = {
    licenceId: data.identifier,
    caseNo: data.caseNo,
    itemCode: data.itemCode,
    typeCode: data.typeCode,
    typeName: data.typeName,
    serial: '33010020261124000001',
    version: '001',
    holderName: data.holderName,
    holderCertType: data.holderCodeType,
    holderCertMasked: data.holderCode,
    holderCertHash: 'b'.repeat(64),
    holderUserProp: '2',
    issuerCode: data.issuerCode,
    issuerName: data.issuerName,
    issueDate: data.issueDate,
    validFrom: data.validFrom,
    validTo: data.validTo,
    faceFields: data.faceFields,
    fileSm3: data.fileSm3,
    signedData: data as unknown as Record<string, unknown>,
    signature: sig.signature,
    signedDigest: sig.signedDigest,
    kid: key.kid,
    qrToken: 't',
    status: 'ISSUED',
  } as LicenceEntity;
  return { data, row };
}
