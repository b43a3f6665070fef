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
