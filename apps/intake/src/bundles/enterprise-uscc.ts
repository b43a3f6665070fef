import { orgCodeCheckChar, usccCheckChar } from '@app/shared/identifiers';

/** 登记管理部门码 9 (工商/市场监管) + 机构类别码 1 (企业), GB 32100-2015 表 1. */
const MARKET_REGULATION_ENTERPRISE = '91';

/**
 * The 统一社会信用代码 of an enterprise registered through a bundle (GB 32100-2015): 91 + the deployment's
 * 行政区划码 + a 主体标识码 (组织机构代码, GB 11714: 8 digits from a database sequence + its MOD 11 check
 * character) + the MOD 31 check character. Unique per sequence value and region.
 */
export function enterpriseUscc(region: string, seq: number): string {
  if (!/^\d{6}$/.test(region)) throw new Error('region must be a 6-digit 行政区划代码');
  if (!Number.isInteger(seq) || seq < 1 || seq > 99_999_999) throw new Error('sequence out of range');
  const body = String(seq).padStart(8, '0');
  const first17 = `${MARKET_REGULATION_ENTERPRISE}${region}${body}${orgCodeCheckChar(body)}`;
  return `${first17}${usccCheckChar(first17)}`;
}
