import { randomBytes } from 'node:crypto';
import { orgCodeCheckChar, usccCheckChar } from '../identifiers/uscc';

/**
 * A random, valid 统一社会信用代码 of a company registered in 杭州市西湖区: 91 (工商, 企业) + 330106 + a
 * 组织机构代码 with its GB 11714 check character + the GB 32100 check character. Tests and benchmarks.
 */
export function companyUscc(): string {
  const org8 = `MA2${randomBytes(3)
    .toString('hex')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '0')
    .slice(0, 5)}`.replace(/[IOSVZ]/g, '1');
  const first17 = `91330106${org8}${orgCodeCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
}

/**
 * A complete online application for the seeded 食品经营许可 (every required material, a fresh company):
 * the body of `POST /api/v1/applications` that e2e tests, the chaos suite and the benchmarks send.
 */
export function foodLicenceApplication(itemCode: string, submitChannel = '1') {
  return {
    itemCode,
    applicant: {
      userProp: '2',
      name: '杭州某某餐饮管理有限公司',
      certType: '001',
      certNo: companyUscc(),
      phone: '13800138000',
    },
    formData: {
      premises: '杭州市西湖区文三路 100 号',
      businessScope: '热食类食品制售',
      legalRepresentative: '张三',
    },
    materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
    submitChannel,
  };
}
