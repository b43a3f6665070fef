import { companyUscc } from '../testing/identities';
import {
  buildLicenceId,
  isValidIdCardNumber,
  isValidLicenceId,
  isValidUscc,
  keyedHash,
  licenceCheckChar,
  maskIdCardNumber,
  orgCodeCheckChar,
  parseIdCardNumber,
  parseLicenceId,
  usccCheckChar,
} from './index';

describe('公民身份号码 GB 11643', () => {
  it('accepts the standard example and parses it', () => {
    expect(isValidIdCardNumber('11010519491231002X')).toBe(true);
    expect(isValidIdCardNumber('11010519491231002x')).toBe(true);
    expect(parseIdCardNumber('11010519491231002X')).toEqual({
      regionCode: '110105',
      birthDate: '1949-12-31',
      gender: 'F',
    });
  });
  it.each([
    ['wrong check character', '110105194912310021'],
    ['impossible date', '110105194902300029'],
    ['unknown province', '000105194912310021'],
    ['too short', '11010519491231002'],
    ['letters', '1101051949123100AX'],
    ['future birth', `1101052${new Date().getFullYear() + 1 - 2000 + 100}01010011`.slice(0, 18)],
  ])('rejects %s', (_why, s) => {
    expect(isValidIdCardNumber(s)).toBe(false);
  });
  it('masks all but the first 6 and last 4', () => {
    expect(maskIdCardNumber('11010519491231002X')).toBe('110105********002X');
  });
});

describe('统一社会信用代码 GB 32100', () => {
  it.each(['11100000000013338W', '11100000MB03271699', '113301000024901620', '11330100002491026R'])(
    'accepts %s',
    (s) => {
      expect(isValidUscc(s)).toBe(true);
    },
  );
  it('computes the check character and the embedded organisation code check', () => {
    expect(usccCheckChar('11100000000013338')).toBe('W');
    expect(orgCodeCheckChar('00001333')).toBe('8');
  });
  it.each([
    ['wrong check character', '11100000000013338X'],
    ['forbidden letter I', '1110000000001333IW'],
    ['unknown registration department', 'B1100000000013338W'],
    ['bad organisation-code check', '111000000000133390'],
    ['too short', '1110000000001333'],
  ])('rejects %s', (_why, s) => {
    expect(isValidUscc(s)).toBe(false);
  });
});

describe('电子证照标识 GB/T 36904 (ISO/IEC 7064 MOD 37,36)', () => {
  it.each([
    ['1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U', 'U'],
    ['1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F', 'F'],
    ['1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0', '0'],
  ])('reproduces the real check character of %s', (id, check) => {
    const p = parseLicenceId(id)!;
    expect(licenceCheckChar(`${p.typeCode}${p.issuerCode}${p.serial}${p.version}`)).toBe(check);
    expect(isValidLicenceId(id)).toBe(true);
  });
  it('rejects placeholder identifiers whose check characters are wrong', () => {
    expect(
      isValidLicenceId('1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.M'),
    ).toBe(false);
    expect(isValidLicenceId('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.X')).toBe(
      false,
    );
    expect(parseLicenceId('1.2.156.3005.2.bad')).toBeNull();
  });
  it('builds identifiers that validate', () => {
    const id = buildLicenceId({
      typeCode: '111000000000135652001',
      issuerCode: '113301000024901620',
      serial: '33010020261124000001',
      version: 1,
    });
    expect(id).toMatch(
      /^1\.2\.156\.3005\.2\.111000000000135652001\.113301000024901620\.33010020261124000001\.001\.[0-9A-Z]$/,
    );
    expect(isValidLicenceId(id)).toBe(true);
    expect(() =>
      buildLicenceId({ typeCode: 'short', issuerCode: '113301000024901620', serial: '1', version: 1 }),
    ).toThrow();
  });
});

describe('keyed hash', () => {
  it('is stable, normalised, keyed and not the input', () => {
    const a = keyedHash('k'.repeat(16), '11010519491231002x');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash('k'.repeat(16), ' 11010519491231002X ')).toBe(a);
    expect(keyedHash('j'.repeat(16), '11010519491231002X')).not.toBe(a);
  });
});

describe('companyUscc (test identities)', () => {
  it('generates valid codes', () => {
    for (let i = 0; i < 50; i++) expect(isValidUscc(companyUscc())).toBe(true);
  });
});
