import { randomBytes } from 'node:crypto';
import { usccCheckChar } from '../../libs/shared/src/identifiers';

/** A random, valid 统一社会信用代码 of a company registered in 杭州市西湖区. */
export function companyUscc(): string {
  // 91 (工商, 企业) + 330106 (西湖区) + a valid 组织机构代码 (GB 11714 MOD 11) + check char (GB 32100).
  const org8 = `MA2${randomBytes(3)
    .toString('hex')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '0')
    .slice(0, 5)}`.replace(/[IOSVZ]/g, '1');
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const val = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  const r = 11 - (org8.split('').reduce((s, c, i) => s + val(c) * w[i], 0) % 11);
  const orgCheck = r === 10 ? 'X' : r === 11 ? '0' : String(r);
  const first17 = `91330106${org8}${orgCheck}`;
  return first17 + usccCheckChar(first17);
}
