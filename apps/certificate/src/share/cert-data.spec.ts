import { sm2 } from 'sm-crypto-v2';
import { signedLicence } from '../licences/testing/licence.fixture';
import { certDataOf, noLongerValid } from './cert-data';
import { qrTokenOf } from './use-cases/query-cert-info-by-qrcode/query-cert-info-by-qrcode.use-case';
import { faceFieldsMatch, verifyData } from './use-cases/verify-cert-info/verify-cert-info.use-case';

const key = { kid: 'u1', privateKeyHex: sm2.generateKeyPairHex().privateKey };

describe('证照共享 data mapping', () => {
  const { row } = signedLicence(key);

  it('answers a licence in the §1.3 field names, status 1 现势 / 2 注销', () => {
    expect(certDataOf(row)).toMatchObject({
      cert_identifier: row.licenceId,
      certificate_name: '食品经营许可证',
      certificate_type_code: '111000000000135652001',
      certificate_number: row.serial,
      certificate_holder: '杭州某某餐饮管理有限公司',
      certificate_holder_code: '91330106MA2H00000X',
      certificate_holder_type: '001',
      issue_dept: '杭州市市场监督管理局',
      issue_dept_code: '113301000024901620',
      issue_date: '2026-11-24',
      certificate_validate_start: '2026-11-24',
      certificate_validate_end: '2031-11-23',
      status: '1',
      extend_info: { 经营场所: '杭州市西湖区' },
    });
    expect(certDataOf({ ...row, status: 'REVOKED' }).status).toBe('2');
  });

  it('knows when a licence is no longer valid (revoked or past its end date, Shanghai time)', () => {
    const at = new Date('2031-11-23T15:59:00Z'); // 23:59 on the last day in Shanghai
    expect(noLongerValid(row, at)).toBe(false);
    expect(noLongerValid(row, new Date('2031-11-23T16:00:00Z'))).toBe(true);
    expect(noLongerValid({ ...row, status: 'REVOKED' }, at)).toBe(true);
    expect(noLongerValid({ ...row, validTo: null }, new Date('2099-01-01'))).toBe(false);
  });

  it('compares the further fields of verifyCertInfo with the face fields', () => {
    const base = { holderCode: 'x', holder: 'y', certNo: 'z' };
    expect(faceFieldsMatch(row, base)).toBe(true);
    expect(faceFieldsMatch(row, { ...base, 经营场所: '杭州市西湖区' })).toBe(true);
    expect(faceFieldsMatch(row, { ...base, 经营场所: '别处' })).toBe(false);
    expect(faceFieldsMatch(row, { ...base, 不存在的字段: '1' })).toBe(false);
    expect(verifyData('0', 'L')).toEqual({ result: '0', message: '信息正确且有效', cert_identifier: 'L' });
    expect(verifyData('5')).toEqual({ result: '5', message: '查无此信息' });
  });

  it('takes the QR content as the verification URL or the bare token', () => {
    expect(qrTokenOf('https://gov.example/api/v1/verify/GOVLIC1.abc.def')).toBe('GOVLIC1.abc.def');
    expect(qrTokenOf('https://gov.example/api/v1/verify/GOVLIC1.abc.def?x=1#y')).toBe('GOVLIC1.abc.def');
    expect(qrTokenOf('GOVLIC1.abc.def')).toBe('GOVLIC1.abc.def');
  });
});
