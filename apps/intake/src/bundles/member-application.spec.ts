import { isValidUscc } from '@app/shared/identifiers';
import { enterpriseUscc } from './enterprise-uscc';
import { licenceMaterialName, memberApplication } from './member-application';
import { ENTERPRISE_OPENING, ENTERPRISE_SETUP_CODE, HOUSING_FUND_CODE, SEAL_CODE } from './seed-bundles';

const filing = {
  definition: ENTERPRISE_OPENING,
  applicant: {
    userProp: '1',
    name: '张三',
    certType: '111',
    certNo: '11010519491231002X',
    phone: '13800000000',
  },
  enterprise: { uscc: '913301000000000196', name: '杭州一网通办科技有限公司' },
  formData: {
    companyName: '杭州一网通办科技有限公司',
    premises: '文三路 1 号',
    depositRate: '12%',
    startMonth: '2026-12',
    sealType: '公章',
    sealCount: '1',
  },
  materials: [
    { code: 'B01', fileName: '申请书.pdf', sha256: 'c'.repeat(64) },
    { code: 'B05', fileName: '身份证.pdf' },
    { code: 'B06', fileName: '经办人.pdf' },
    { code: 'B10', fileName: '公积金登记表.pdf' },
  ],
};

describe('enterprise USCC', () => {
  it('is a valid GB 32100 code: 91 + region + 组织机构代码 with its check characters', () => {
    const u = enterpriseUscc('330100', 1);
    expect(u).toBe('913301000000000196');
    expect(isValidUscc(u)).toBe(true);
    for (const seq of [2, 17, 12345678, 99999999]) {
      expect(isValidUscc(enterpriseUscc('523456', seq))).toBe(true);
    }
    expect(enterpriseUscc('330100', 2)).not.toBe(u);
    expect(() => enterpriseUscc('33010', 1)).toThrow();
    expect(() => enterpriseUscc('330100', 0)).toThrow();
  });
});

describe('member application from the ONE bundle form', () => {
  it('maps fields and materials, in the enterprise’s name', () => {
    const dto = memberApplication(filing, ENTERPRISE_SETUP_CODE, null);
    expect(dto.applicant).toEqual({
      userProp: '2',
      name: '杭州一网通办科技有限公司',
      certType: '001',
      certNo: '913301000000000196',
      phone: '13800000000',
    });
    expect(dto.formData).toEqual({ companyName: '杭州一网通办科技有限公司', premises: '文三路 1 号' });
    expect(dto.materials).toEqual([{ code: 'M01', fileName: '申请书.pdf', sha256: 'c'.repeat(64) }]);
    expect(dto.submitChannel).toBe('1');
  });

  it('feeds one bundle field to several members and attaches the dependency’s licence (免提交)', () => {
    const dep = { caseNo: '33010020261126000001', licenceId: '1.2.156.3005.2.X', uscc: '913301000000000196' };
    const dto = memberApplication(filing, HOUSING_FUND_CODE, dep);
    expect(dto.formData).toEqual({ depositRate: '12%', firstDepositMonth: '2026-12' });
    expect(dto.materials).toEqual([
      { code: 'M01', fileName: '公积金登记表.pdf' },
      { code: 'M02', fileName: licenceMaterialName(dep.licenceId) },
      { code: 'M03', fileName: '经办人.pdf' },
    ]);
    const noLicence = memberApplication(filing, SEAL_CODE, { ...dep, licenceId: null });
    expect(noLicence.materials.map((m) => m.code)).toEqual(['M02']);
  });

  it('resolves $dependency sources, and files as the bundle’s applicant where the definition says so', () => {
    const def = structuredClone(ENTERPRISE_OPENING);
    def.mapping[SEAL_CODE].sealType = '$dependency.uscc';
    def.members[1].applicant = 'BUNDLE';
    const dto = memberApplication({ ...filing, definition: def }, SEAL_CODE, {
      caseNo: 'C1',
      licenceId: 'L1',
      uscc: '913301000000000196',
    });
    expect(dto.formData.sealType).toBe('913301000000000196');
    expect(dto.applicant).toBe(filing.applicant);
    expect(() => memberApplication(filing, 'NOPE', null)).toThrow();
  });
});
